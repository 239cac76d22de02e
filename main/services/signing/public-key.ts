import { createHash } from 'node:crypto';
import type { SshPublicKey } from '../../../shared/domain/signing';

/**
 * Key types a signature may be made with. ed25519 is offered first; RSA and ECDSA keys sign
 * too (ssh-keygen signs RSA with rsa-sha2-512), and hardware-backed "sk" keys through the agent.
 */
const KEY_TYPES: Record<string, string> = {
  'ssh-ed25519': 'ED25519',
  'sk-ssh-ed25519@openssh.com': 'ED25519-SK',
  'ecdsa-sha2-nistp256': 'ECDSA',
  'ecdsa-sha2-nistp384': 'ECDSA',
  'ecdsa-sha2-nistp521': 'ECDSA',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'ECDSA-SK',
  'ssh-rsa': 'RSA',
};

/**
 * Reads one OpenSSH public key line (`type base64 [comment]`), as `ssh-add -L` and `.pub` files
 * write it. The fingerprint is OpenSSH's: `SHA256:` and the unpadded base64 SHA-256 of the key
 * blob, the same string ssh-keygen -l and -Y verify print, so people can compare them by eye.
 */
export function parsePublicKey(line: string): SshPublicKey | null {
  const match = /^([a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?: (.*))?$/.exec(line.trim());
  if (!match) return null;
  const [, type, base64, comment] = match;
  const label = KEY_TYPES[type!];
  if (!label) return null;
  const blob = Buffer.from(base64!, 'base64');
  // The blob starts with its own type name: a key line whose parts disagree is not a key.
  if (blob.length < 4 + type!.length || blob.readUInt32BE(0) !== type!.length) return null;
  if (blob.subarray(4, 4 + type!.length).toString('latin1') !== type) return null;
  return {
    line: `${type} ${base64}`,
    type: label,
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    comment: (comment ?? '').slice(0, 200),
  };
}
