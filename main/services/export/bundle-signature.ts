import { BUNDLE_SIGNATURE_NAMESPACE, type SigningKeyChoice, type SshPublicKey } from '../../../shared/domain/signing';
import type { ManifestSigning } from '../../../shared/domain/manifest';
import { AppError } from '../../../shared/ipc/result';
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

/**
 * The principal in allowed_signers is a pattern list for ssh-keygen: an email with a comma,
 * quote, space or wildcard would name other principals, so it is refused, never escaped.
 */
export function signingPrincipal(email: string): string {
  if (!/^[^\s,"*?!]+@[^\s,"*?!]+$/.test(email)) {
    throw new AppError('SIGNING_KEY_REJECTED', `${email} cannot name the signer in allowed_signers.`, {
      hint: 'Use a plain email address (letters, digits, dots, hyphens) for yourself on the Team screen.',
    });
  }
  return email;
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
  Buffer.from(`${signing.principal} namespaces="${signing.namespace}" ${signing.publicKey}\n`, 'utf8');

/** The one command README.txt gives the auditor. */
export const verifyCommand = (principal: string): string =>
  `ssh-keygen -Y verify -f ${SIGNATURE_FILES.allowedSigners} -I ${principal} -n ${BUNDLE_SIGNATURE_NAMESPACE} -s ${SIGNATURE_FILES.signature} < SHA256SUMS`;
