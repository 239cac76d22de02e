import { createHash } from 'node:crypto';
import type { Person } from '../../../shared/domain/common';
import { SIGNOFF_SIGNATURE_NAMESPACE, type SignOffKey, type SigningKeyChoice } from '../../../shared/domain/signing';
import type { KeyVerdict, ReviewSignatureCore } from '../../../shared/rules/reviews/review-standing';
import {
  signOffStatement,
  type SignOffKind,
  type SignOffStatementInput,
} from '../../../shared/rules/reviews/sign-off-statement';
import { allowedSignersLine, signingPrincipal } from '../signing/allowed-signers';
import { parsePublicKey } from '../signing/public-key';
import type { SshSigning } from '../signing/ssh-signing';

/** Verdicts kept, by statement, signature and key, so reopening a screen does not run ssh-keygen again. */
const CACHED_VERDICTS = 256;

/** The statement a stored sign-off's signature must verify over, rebuilt from the block as it is now. */
export const statementOf = (
  kind: SignOffKind,
  workspaceId: string,
  reviewId: string,
  signed: ReviewSignatureCore,
  scope: Record<string, unknown>,
): SignOffStatementInput => ({
  kind,
  workspaceId,
  reviewId,
  contentSha256: signed.contentSha256,
  by: signed.by,
  at: signed.at,
  scope,
});

/** allowed_signers for one sign-off: its signer's email may sign sign-offs with this key only. */
export const signOffAllowedSigners = (by: Person, publicKey: string): string =>
  allowedSignersLine(by.email, SIGNOFF_SIGNATURE_NAMESPACE, publicKey);

/**
 * Signs sign-off statements with the person's SSH key and checks stored sign-offs (on open and
 * on export), through the same ssh-keygen as bundle signatures. The app never holds a private
 * key: with an agent the key stays there, with a key file ssh-keygen reads it.
 */
export class SignOffKeys {
  private readonly verdicts = new Map<string, KeyVerdict>();

  constructor(private readonly signing: SshSigning) {}

  /** The signature over a statement, with the public key and fingerprint it verifies with. */
  async sign(choice: SigningKeyChoice, statement: SignOffStatementInput): Promise<SignOffKey> {
    signingPrincipal(statement.by.email);
    const key = await this.signing.resolveKey(choice);
    const signature = await this.signing.sign(
      choice,
      SIGNOFF_SIGNATURE_NAMESPACE,
      Buffer.from(signOffStatement(statement), 'utf8'),
    );
    return {
      namespace: SIGNOFF_SIGNATURE_NAMESPACE,
      publicKey: key.line,
      keyType: key.type,
      fingerprint: key.fingerprint,
      signature,
    };
  }

  /**
   * Whether a stored sign-off's signature verifies over the statement rebuilt from its block: a
   * hand edit of who, when, scope or content hash, a signature copied from another review, a key
   * swapped for another, or a fingerprint that is not the key's own each make it forged.
   * `fresh` checks again even when this exact signature was checked before (the export does).
   */
  async verdict(
    statement: SignOffStatementInput,
    key: SignOffKey | undefined,
    options: { fresh?: boolean } = {},
  ): Promise<KeyVerdict> {
    if (!key) return { kind: 'none' };
    const text = signOffStatement(statement);
    const cacheKey = createHash('sha256')
      .update(JSON.stringify([text, key.publicKey, key.fingerprint, key.keyType, key.signature, key.namespace]))
      .digest('hex');
    const cached = options.fresh ? undefined : this.verdicts.get(cacheKey);
    if (cached) return cached;
    const verdict = await this.check(text, statement.by, key);
    if (verdict.kind !== 'unchecked') {
      if (this.verdicts.size >= CACHED_VERDICTS) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(cacheKey, verdict);
    }
    return verdict;
  }

  private async check(text: string, by: Person, key: SignOffKey): Promise<KeyVerdict> {
    const parsed = parsePublicKey(key.publicKey);
    if (!parsed) return { kind: 'forged', why: 'the public key it carries is not an OpenSSH key' };
    if (parsed.fingerprint !== key.fingerprint || parsed.type !== key.keyType)
      return {
        kind: 'forged',
        why: `the key fingerprint it records (${key.fingerprint}) is not that of the public key it carries (${parsed.fingerprint})`,
      };
    if (key.namespace !== SIGNOFF_SIGNATURE_NAMESPACE)
      return { kind: 'forged', why: `its SSH signature was made for another purpose (${key.namespace})` };
    let principal: string;
    try {
      principal = signingPrincipal(by.email);
    } catch {
      return { kind: 'forged', why: `its signer's email ${by.email} cannot name an SSH signer` };
    }
    const outcome = await this.signing.verify({
      allowedSigners: signOffAllowedSigners(by, key.publicKey),
      principal,
      namespace: SIGNOFF_SIGNATURE_NAMESPACE,
      signature: key.signature,
      data: Buffer.from(text, 'utf8'),
    });
    if (outcome.ok) return { kind: 'valid', keyType: outcome.keyType, fingerprint: outcome.fingerprint };
    switch (outcome.reason) {
      case 'unavailable':
        return { kind: 'unchecked', why: outcome.detail };
      case 'other-key':
        return { kind: 'forged', why: `its SSH signature was not made with the key ${key.fingerprint} it names` };
      case 'other-data':
        return {
          kind: 'forged',
          why: "its SSH signature covers another statement: who signed, when, the scope or the review's content was changed after signing, or the signature belongs to another review",
        };
      case 'malformed':
        return { kind: 'forged', why: `its SSH signature does not verify: ${outcome.detail}` };
    }
  }
}
