import { AppError } from '../../../shared/ipc/result';

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

/** One allowed_signers line as ssh-keygen reads it: the key may sign in `namespace` only. */
export const allowedSignersLine = (principal: string, namespace: string, publicKey: string): string =>
  `${principal} namespaces="${namespace}" ${publicKey}\n`;
