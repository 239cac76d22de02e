import type { Manifest } from '../../../shared/domain/manifest';
import type { BundleSignatureView } from '../../../shared/ipc/channels/export';
import type { SshSigning } from '../signing/ssh-signing';
import { allowedSignersText } from './bundle-signature';
import { BUNDLE_FILES, SIGNATURE_FILES } from './layout';

/**
 * A signed bundle's signature, checked as the auditor's `ssh-keygen -Y verify` checks it: with
 * the allowed_signers file inside the bundle, the principal manifest.json names, over the
 * bundle's SHA256SUMS. The key's fingerprint is reported either way: a good signature is only
 * worth the key's owner confirming that fingerprint.
 */
export async function checkBundleSignature(
  manifest: Manifest,
  names: ReadonlySet<string>,
  kept: ReadonlyMap<string, Buffer>,
  signing: SshSigning,
  problems: string[],
): Promise<BundleSignatureView | null> {
  const claimed = manifest.signing;
  if (!claimed) return null;
  const view: BundleSignatureView = {
    principal: claimed.principal,
    keyType: claimed.keyType,
    fingerprint: claimed.fingerprint,
    verified: false,
  };
  const by = `${claimed.principal}'s ${claimed.keyType} key ${claimed.fingerprint}`;
  const missing = Object.values(SIGNATURE_FILES).filter((name) => !names.has(name));
  if (missing.length > 0) {
    problems.push(
      `manifest.json says the bundle is signed with ${by}, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: the signature cannot be checked.`,
    );
    return view;
  }
  const allowed = kept.get(SIGNATURE_FILES.allowedSigners);
  const signature = kept.get(SIGNATURE_FILES.signature);
  const sums = kept.get(BUNDLE_FILES.sums);
  // Unread because oversized or damaged: already reported where they were read.
  if (!allowed || !signature || !sums) return view;
  if (!allowed.equals(allowedSignersText(claimed))) {
    problems.push(
      `${SIGNATURE_FILES.allowedSigners} does not hold exactly the key manifest.json names (${by}): it was changed after export.`,
    );
  }
  const outcome = await signing.verify({
    allowedSigners: allowed.toString('utf8'),
    principal: claimed.principal,
    namespace: claimed.namespace,
    signature: signature.toString('utf8'),
    data: sums,
  });
  if (outcome.ok) {
    view.fingerprint = outcome.fingerprint;
    view.keyType = outcome.keyType;
    view.verified = outcome.fingerprint === claimed.fingerprint;
    if (!view.verified)
      problems.push(
        `${SIGNATURE_FILES.signature} verifies with key ${outcome.fingerprint}, not the key ${claimed.fingerprint} manifest.json names.`,
      );
    return view;
  }
  const why: Record<typeof outcome.reason, string> = {
    'other-key': `${SIGNATURE_FILES.signature} was not made with ${by} in ${SIGNATURE_FILES.allowedSigners}: it was signed with another key.`,
    'other-data': `${SIGNATURE_FILES.signature} was made with ${by}, but over other content than this bundle's SHA256SUMS: it is the signature of another bundle, or SHA256SUMS changed after signing.`,
    malformed: `${SIGNATURE_FILES.signature} is not a bundle signature (${outcome.detail}).`,
    unavailable: `The signature could not be checked: ${outcome.detail}`,
  };
  problems.push(why[outcome.reason]);
  return view;
}
