import { BUNDLE_SIGNATURE_NAMESPACE, type SigningKeyChoice, type SshPublicKey } from '../../../shared/domain/signing';
import type { ManifestSigning } from '../../../shared/domain/manifest';
import { allowedSignersLine } from '../signing/allowed-signers';
import type { SshSigning } from '../signing/ssh-signing';
import { SIGNATURE_FILES } from './layout';

/** Signs a bundle's SHA256SUMS with a key resolved (and so checked) before the export starts. */
export interface BundleSigner {
  key: SshPublicKey;
  sign(sums: Buffer): Promise<string>;
}

/** Resolves the chosen key first, so a refused key stops the export before anything is written. */
export async function bundleSigner(signing: SshSigning, choice: SigningKeyChoice): Promise<BundleSigner> {
  const key = await signing.resolveKey(choice);
  return { key, sign: (sums) => signing.sign(choice, BUNDLE_SIGNATURE_NAMESPACE, sums) };
}

export function manifestSigning(principal: string, key: SshPublicKey): ManifestSigning {
  return {
    namespace: BUNDLE_SIGNATURE_NAMESPACE,
    principal,
    publicKey: key.line,
    keyType: key.type,
    fingerprint: key.fingerprint,
  };
}

/** allowed_signers as ssh-keygen reads it: the key may sign bundles only (namespaces=). */
export const allowedSignersText = (signing: ManifestSigning): Buffer =>
  Buffer.from(allowedSignersLine(signing.principal, signing.namespace, signing.publicKey), 'utf8');

/** The one command README.txt gives the auditor. */
export const verifyCommand = (principal: string): string =>
  `ssh-keygen -Y verify -f ${SIGNATURE_FILES.allowedSigners} -I ${principal} -n ${BUNDLE_SIGNATURE_NAMESPACE} -s ${SIGNATURE_FILES.signature} < SHA256SUMS`;
