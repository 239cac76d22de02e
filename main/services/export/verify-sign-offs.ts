import { createHash } from 'node:crypto';
import type { Manifest } from '../../../shared/domain/manifest';
import { SIGNOFF_SIGNATURE_NAMESPACE } from '../../../shared/domain/signing';
import { SIGN_OFF_STATEMENT_FORMAT } from '../../../shared/rules/reviews/sign-off-statement';
import { signOffAllowedSigners } from '../reviews/sign-off-keys';
import type { SshSigning } from '../signing/ssh-signing';
import { SIGN_OFF_ALLOWED_SIGNERS } from './layout';

/**
 * Each sign-off the bundle ships with an SSH signature, checked from the bundle alone as the
 * auditor's `ssh-keygen -Y verify` checks it: the statement names this workspace and review,
 * the signer and time the manifest states, and the SHA-256 of the shipped content; the
 * signature over it verifies with the key allowed_signers holds for the signer, which is the
 * key the manifest names. Returns how many were checked.
 */
export async function checkSignOffs(
  manifest: Manifest,
  kept: ReadonlyMap<string, Buffer>,
  signing: SshSigning,
  problems: string[],
): Promise<number> {
  const entries = manifest.signOffs ?? [];
  if (entries.length === 0) return 0;
  const allowed = kept.get(SIGN_OFF_ALLOWED_SIGNERS);
  if (!allowed) {
    problems.push(`${SIGN_OFF_ALLOWED_SIGNERS} is missing: the sign-offs' signatures cannot be checked.`);
    return 0;
  }
  const allowedText = allowed.toString('utf8');
  for (const entry of entries) {
    const what = `The sign-off of ${entry.kind === 'aws-report-review' ? "the review of AWS's SOC 2 report" : `access review ${entry.review}`} by ${entry.by.name}`;
    const [statement, signature, content] = [entry.statement, entry.signature, entry.content].map((p) => kept.get(p));
    if (!statement || !signature || !content) {
      problems.push(`${what}: its statement, signature or content is missing from the bundle.`);
      continue;
    }
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(statement.toString('utf8')) as Record<string, unknown>;
    } catch {
      problems.push(`${what}: ${entry.statement} is not JSON.`);
      continue;
    }
    const by = claims.by as { name?: unknown; email?: unknown } | undefined;
    const mismatch = [
      claims.format !== SIGN_OFF_STATEMENT_FORMAT && 'format',
      claims.kind !== entry.kind && 'kind',
      claims.review !== entry.review && 'review',
      claims.workspace !== manifest.workspace.id && 'workspace',
      (by?.name !== entry.by.name || by?.email !== entry.by.email) && 'by',
      claims.at !== entry.at && 'at',
    ].filter(Boolean);
    if (mismatch.length > 0)
      problems.push(
        `${what}: ${entry.statement} does not state what manifest.json says (${mismatch.join(', ')} differ${mismatch.length === 1 ? 's' : ''}).`,
      );
    const contentSha = createHash('sha256').update(content).digest('hex');
    if (claims.contentSha256 !== contentSha)
      problems.push(
        `${what}: ${entry.content} hashes to ${contentSha}, not the contentSha256 ${String(claims.contentSha256)} the signed statement names: the review's content is not what was signed.`,
      );
    if (!allowedText.includes(signOffAllowedSigners(entry.by, entry.publicKey)))
      problems.push(
        `${what}: ${SIGN_OFF_ALLOWED_SIGNERS} does not hold the key manifest.json names for ${entry.by.email}.`,
      );
    const outcome = await signing.verify({
      allowedSigners: allowedText,
      principal: entry.by.email,
      namespace: SIGNOFF_SIGNATURE_NAMESPACE,
      signature: signature.toString('utf8'),
      data: statement,
    });
    if (!outcome.ok) {
      problems.push(
        outcome.reason === 'unavailable'
          ? `${what}: its signature could not be checked (${outcome.detail}).`
          : `${what}: ${entry.signature} does not verify over ${entry.statement} (${outcome.detail}).`,
      );
    } else if (outcome.fingerprint !== entry.fingerprint)
      problems.push(
        `${what}: it verifies with key ${outcome.fingerprint}, not ${entry.fingerprint} as manifest.json says.`,
      );
  }
  return entries.length;
}
