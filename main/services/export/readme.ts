import type { ManifestSealing, ManifestSignOff, ManifestSigning } from '../../../shared/domain/manifest';
import { verifyCommand } from './bundle-signature';
import { ADDED_BUNDLE_FILES, BUNDLE_FILES, SIGNATURE_FILES, SIGN_OFF_FOLDER } from './layout';
import { signOffVerifyCommand } from './sign-off-files';
import { SAMPLE_MARK } from '../../../shared/domain/workspace';
import type { BundleModel } from './bundle-model';

/** The inventory line and the check step for the activity log a bundle ships; nothing without one. */
function chainParts(sealing: ManifestSealing | undefined) {
  if (!sealing) return { inventory: '', step: '' };
  const { activity, withdrawn, retired } = sealing;
  return {
    inventory: `${activity.path}        The workspace's activity log as a hash chain: who did what, when,
                      and the line that sealed each evidence record when it was captured.
`,
    step: `
6. Check the provenance against the activity log (the app's verify does all of this):

   Each line of ${activity.path} carries, as "prevSha256", the SHA-256 of the line before it
   (64 zeros on the first line), so a changed, removed or reordered line breaks the chain.
   The SHA-256 of line N, which line N+1 must carry, is:

     sed -n 'Np' ${activity.path} | tr -d '\\n' | sha256sum

   The log has ${activity.lines} lines and its last line's SHA-256 is
   ${activity.sha256}
   (manifest.json's "activity"). Lines written before the workspace was sealed carry no
   "prevSha256"; the "workspace.sealed" line holds the SHA-256 of all of them together.

   Each evidence record in manifest.json carries "recordSha256", the SHA-256 of the record
   as canonical JSON (its entry without path, flags and recordSha256; keys sorted; no
   spaces). It must equal the "recordSha256" of the "evidence.added" (or "evidence.sealed")
   line of ${activity.path} with the same "evidenceId", whose "sha256" is the file's hash:

     jq -cS '.evidence[] | select(.id == "ID") | del(.path, .flags, .recordSha256)' manifest.json | tr -d '\\n' | sha256sum

   (macOS: shasum -a 256 instead of sha256sum). ${
     withdrawn.length
       ? `${withdrawn.length} record${withdrawn.length === 1 ? ' was' : 's were'} withdrawn (damaged in the workspace, kept there, not shipped):
   manifest.json's "withdrawn" lists each with the reason, who and when, as the
   "evidence.withdrawn" line of ${activity.path} records it.`
       : 'No record was withdrawn.'
   } ${
     retired.length
       ? `${retired.length} record${retired.length === 1 ? ' was' : 's were'} retired (wrong or superseded, kept in the
   workspace, not shipped): manifest.json's "retired" lists each with the reason, who and
   when, as the "evidence.retired" line of ${activity.path} records it.`
       : 'No record was retired.'
   }
`,
  };
}

/** The inventory lines and the check step for a signed bundle; nothing for an unsigned one. */
function signatureParts(signing: ManifestSigning | undefined, step: number) {
  if (!signing)
    return { inventory: '', summary: 'Signed:         no (this bundle carries no SSH signature)\n', step: '' };
  return {
    inventory: `${SIGNATURE_FILES.signature}        The preparer's SSH signature over SHA256SUMS (OpenSSH format).
${SIGNATURE_FILES.allowedSigners}       The preparer's public SSH key, for ssh-keygen.
`,
    summary: `Signed by:      ${signing.principal}, ${signing.keyType} key ${signing.fingerprint}\n`,
    step: `
${step}. Check the signature (OpenSSH 8.1 or later; Windows 10 and later ship it):

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

/** The sign-offs' inventory lines and check step: each signed one with its command, each key-less one said plainly. */
function signOffParts(signOffs: { entries: ManifestSignOff[]; summaries: string[] }, step: number) {
  const { entries, summaries } = signOffs;
  const inventory = entries.length
    ? `${SIGN_OFF_FOLDER}/             Each sign-off signed with an SSH key: the statement signed
                      (.statement.json), the signature (.sig), the review's content
                      (.content.json), and allowed_signers with the signers' keys.
`
    : '';
  const commands = entries
    .map(
      (
        e,
      ) => `   ${e.kind === 'aws-report-review' ? "The review of AWS's SOC 2 report" : `Access review ${e.review}`}, signed by ${e.by.name} with ${e.keyType} key
   ${e.fingerprint}:
     ${signOffVerifyCommand(e)}
   It must print: Good "audit-signoff" signature for ${e.by.email} with ${e.keyType} key ${e.fingerprint}
   and the review's content must hash to the statement's "contentSha256":
     sha256sum ${e.content}
`,
    )
    .join('\n');
  return {
    inventory,
    step: `
${step}. Check the sign-offs. Where each review stands:
${summaries.map((line) => `     ${line}`).join('\n')}
   A sign-off "recorded by NAME, not signed with a key" is the app's record of who signed
   off and when; it carries no signature, and anyone who could edit the company's files could
   have written it. Only a sign-off signed with an SSH key can be checked:
${entries.length ? commands : '   (this bundle has none).\n'}${
      entries.length
        ? `   As for the bundle's signature, confirm each key fingerprint with its signer through a
   separate channel: a good signature proves only that the holder of that key signed.
`
        : ''
    }`,
  };
}

/** README.txt: what the bundle is and how to check it with standard tools, in plain words. */
export function readmeText(
  model: BundleModel,
  fingerprint: string,
  signing?: ManifestSigning,
  sealing?: ManifestSealing,
  signOffs: { entries: ManifestSignOff[]; summaries: string[] } = { entries: [], summaries: [] },
): Buffer {
  const { meta, options } = model;
  const chain = chainParts(sealing);
  const signature = signatureParts(signing, sealing ? 7 : 6);
  const signOff = signOffParts(signOffs, (sealing ? 7 : 6) + (signing ? 1 : 0));
  const text = `${meta.sample ? `${SAMPLE_MARK}: this bundle was exported from a sample company's workspace, built from\nthe Audit Workbench sandbox, not from AWS. Nothing in it is evidence of any company's controls.\n\n` : ''}SOC 2 Type 1 evidence bundle
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
${chain.inventory}${signOff.inventory}${BUNDLE_FILES.sums}            The SHA-256 of every other file in the bundle.
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
${chain.step}${signature.step}${signOffs.summaries.length ? signOff.step : ''}`;
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
}
