import type { ManifestSigning } from '../../../shared/domain/manifest';
import { verifyCommand } from './bundle-signature';
import { ADDED_BUNDLE_FILES, BUNDLE_FILES, SIGNATURE_FILES } from './layout';
import type { BundleModel } from './bundle-model';

/** The inventory lines and the check step for a signed bundle; nothing for an unsigned one. */
function signatureParts(signing: ManifestSigning | undefined) {
  if (!signing)
    return { inventory: '', summary: 'Signed:         no (this bundle carries no SSH signature)\n', step: '' };
  return {
    inventory: `${SIGNATURE_FILES.signature}        The preparer's SSH signature over SHA256SUMS (OpenSSH format).
${SIGNATURE_FILES.allowedSigners}       The preparer's public SSH key, for ssh-keygen.
`,
    summary: `Signed by:      ${signing.principal}, ${signing.keyType} key ${signing.fingerprint}\n`,
    step: `
6. Check the signature (OpenSSH 8.1 or later; Windows 10 and later ship it):

     ${verifyCommand(signing.principal)}

   It must print: Good "${signing.namespace}" signature for ${signing.principal} with ${signing.keyType} key
   ${signing.fingerprint}

   A good signature means the holder of that key signed SHA256SUMS, and so every file it
   lists. It proves who signed only if the key is theirs: ask the preparer to confirm the key
   fingerprint ${signing.fingerprint} through a separate channel (a call, or
   their Git hosting profile), as for the seal. ${SIGNATURE_FILES.signature} is the one file SHA256SUMS cannot
   list; ${SIGNATURE_FILES.allowedSigners} is listed in it.
`,
  };
}

/** README.txt: what the bundle is and how to check it with standard tools, in plain words. */
export function readmeText(model: BundleModel, fingerprint: string, signing?: ManifestSigning): Buffer {
  const { meta, options } = model;
  const signature = signatureParts(signing);
  const text = `SOC 2 Type 1 evidence bundle
============================

Company:        ${meta.companyName}
System:         ${meta.systemName}
Report type:    SOC 2 Type 1, as of ${options.asOfDate}
Prepared by:    ${model.preparedBy.name} <${model.preparedBy.email}>
Generated at:   ${model.generatedAt} (UTC)
Generated with: Audit Workbench ${model.appVersion}
Controls:       ${model.controls.length}
Evidence files: ${model.evidence.length}
${signature.summary}
Bundle fingerprint (SHA-256 of manifest.json):
  ${fingerprint}


What is inside
--------------
${BUNDLE_FILES.pdf}             Start here. Cover, scope (what the company owns and what it
                      inherits from AWS), the company's review of AWS's SOC 2 report,
                      control matrix, criteria coverage, one section per control with
                      its findings and screenshots, exclusions, and the index of every
                      evidence file with its SHA-256.
${BUNDLE_FILES.html}            The same content for a web browser, with a link to every
                      evidence file. It works offline and loads nothing from the network.
${BUNDLE_FILES.controlsCsv}          One row per control, for spreadsheets.
${BUNDLE_FILES.evidenceCsv}          One row per evidence file, for spreadsheets.
${ADDED_BUNDLE_FILES.cuecsCsv}             One row per complementary user entity control (CUEC) of
                      AWS's SOC 2 report and company control that meets it.
${BUNDLE_FILES.manifest}         Machine-readable: workspace, controls, every evidence record
                      with its provenance (who, when, which AWS account and principal,
                      which API calls or console page) and its path in this bundle.
${BUNDLE_FILES.manifestSchema}  The JSON Schema manifest.json follows.
evidence/             The evidence files, as evidence/<control-id>/<evidence-id>-<name>.<ext>.
                      A file that supports several controls is stored once, under the
                      first of them; the index lists every control it supports.
${BUNDLE_FILES.sums}            The SHA-256 of every other file in the bundle.
${signature.inventory}${BUNDLE_FILES.readme}            This file.

Spreadsheet cells that would start with = + - or @ begin with an apostrophe, so a
spreadsheet program shows them as text instead of running them as formulas.

AWS is a subservice organization presented under the carve-out method: the controls AWS
operates are covered by AWS's own SOC 2 report, not by this bundle. That report is AWS
Confidential and is not in this bundle: obtain it from AWS Artifact and match it against
the SHA-256 of the copy the company reviewed, shown in index.pdf and manifest.json.


How to check that nothing was changed
-------------------------------------
1. Unzip the bundle into an empty folder and open a terminal there.

2. Check the seal: the company sends it to you separately from the bundle (it is the
   SHA-256 of SHA256SUMS, which lists every other file). It must equal:

     sha256sum SHA256SUMS           (macOS: shasum -a 256 SHA256SUMS)

   A matching seal means every file below is exactly what the company sent, including
   index.pdf, index.html and this file.

3. Check every file against SHA256SUMS:

     Linux:    sha256sum -c SHA256SUMS
     macOS:    shasum -a 256 -c SHA256SUMS
     Windows:  certutil -hashfile <file> SHA256   (one file at a time; compare by eye)

   Every line must say OK, and the folder must hold no file that SHA256SUMS does not
   list (apart from SHA256SUMS itself${signing ? ` and ${SIGNATURE_FILES.signature}` : ''}).

4. Check the fingerprint: the SHA-256 of manifest.json must equal the fingerprint above
   and on the cover of index.pdf:

     sha256sum manifest.json        (macOS: shasum -a 256 manifest.json)

   Ask the company to confirm the fingerprint through a separate channel (email, call).
   manifest.json lists the SHA-256 of every evidence file and of the CSV files, so a
   matching fingerprint means the evidence is what the company exported.

5. Each evidence file's SHA-256 also appears in the evidence index of index.pdf and in
   evidence.csv. The app that produced the bundle refuses to export a file whose content
   no longer matches the hash recorded when it was captured.
${signature.step}`;
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
}
