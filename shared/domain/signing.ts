import { z } from 'zod';

/**
 * Signing with the person's own SSH key (see main/services/signing/). The app never sees a
 * private key: with an agent, the key stays in the agent; with a key file, ssh-keygen reads it.
 */

/** The namespace bundle signatures are made in: a signature made for Git or anything else never verifies as one. */
export const BUNDLE_SIGNATURE_NAMESPACE = 'audit-bundle';
/** The namespace of sign-off signatures (a review's sign-off statement). */
export const SIGNOFF_SIGNATURE_NAMESPACE = 'audit-signoff';

/** An OpenSSH public key line without its comment, `type base64`. */
export const PublicKeyLine = z
  .string()
  .trim()
  .max(16 * 1024)
  .regex(/^[a-z0-9@.-]+ [A-Za-z0-9+/]+={0,2}$/, 'Not an OpenSSH public key ("ssh-ed25519 AAAA…")');

export interface SshPublicKey {
  /** `type base64`: what allowed_signers and a sign-off carry. */
  line: string;
  /** `ED25519`, `RSA`, `ECDSA`, … */
  type: string;
  /** `SHA256:…`, as ssh-keygen prints it. */
  fingerprint: string;
  /** The key's comment (often an email); shown to help choose, never trusted. */
  comment: string;
}

/** Which key signs: one the agent holds (by its public key), or a private key file the person chooses. */
export const SigningKeyChoice = z.discriminatedUnion('source', [
  z.object({ source: z.literal('agent'), publicKey: PublicKeyLine }),
  z.object({ source: z.literal('file'), path: z.string().trim().min(1, 'Choose a key file').max(4096) }),
]);
export type SigningKeyChoice = z.infer<typeof SigningKeyChoice>;

/** What the agent offers, or why it offers nothing. */
export interface AgentKeys {
  keys: SshPublicKey[];
  /** Why no key can be listed (no agent running, an agent without keys), in words for people. */
  problem: string | null;
}

/** Who signed what with which key: the signature as it travels (armored SSHSIG) and the key it verifies with. */
export const SshSignature = z.object({
  namespace: z.string().max(64),
  publicKey: PublicKeyLine,
  /** `-----BEGIN SSH SIGNATURE-----` … as ssh-keygen writes it. */
  signature: z
    .string()
    .max(16 * 1024)
    .regex(/^-----BEGIN SSH SIGNATURE-----\n[A-Za-z0-9+/=\n]+-----END SSH SIGNATURE-----\n?$/, 'Not an SSH signature'),
});
export type SshSignature = z.infer<typeof SshSignature>;

/**
 * A sign-off's SSH signature, kept in the review's signed block: the signature over the sign-off
 * statement (see shared/rules/reviews/sign-off-statement.ts) and the public key it verifies with.
 * The key type and fingerprint are what people compare; a fingerprint that is not the key's own
 * makes the sign-off forged.
 */
export const SignOffKey = SshSignature.extend({
  keyType: z.string().max(32),
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'Not an OpenSSH SHA256 fingerprint'),
});
export type SignOffKey = z.infer<typeof SignOffKey>;
