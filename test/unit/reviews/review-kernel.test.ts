import { describe, expect, it } from 'vitest';
import {
  NO_KEY,
  reviewStanding,
  signOffWords,
  standingBadge,
  standingSummary,
  type KeyVerdict,
} from '../../../shared/rules/reviews/review-standing';
import { contentSha256, standingOf } from '../../../main/services/reviews/review-kernel';
import { awsReviewConclusion, awsReviewReadiness } from '../../../shared/rules/aws-report-standing';
import { reviewStands } from '../../../shared/rules/readiness';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };
const content = { rows: [{ id: 'u-1', decision: 'keep' }] };
const FINGERPRINT = 'SHA256:' + 'A'.repeat(43);
const keyBlock = {
  namespace: 'audit-signoff',
  publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample',
  keyType: 'ED25519',
  fingerprint: FINGERPRINT,
  signature: '-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n',
};
const signature = (over: unknown = content) => ({ by: DANA, at: '2026-12-01T10:00:00.000Z', ...sig(over) });
const sig = (over: unknown) => ({ contentSha256: contentSha256(over) });
const valid: KeyVerdict = { kind: 'valid', keyType: 'ED25519', fingerprint: FINGERPRINT };

describe('the review kernel: where a review stands', () => {
  it('a draft with things missing is a draft; one with nothing missing is ready to sign', () => {
    expect(standingOf(null, content, 2, NO_KEY)).toEqual({
      state: 'draft',
      signed: null,
      forged: null,
      blocking: 2,
      signatureProblems: [],
    });
    expect(standingOf(null, content, 0, NO_KEY).state).toBe('ready_to_sign');
    expect(standingSummary(standingOf(null, content, 2, NO_KEY))).toBe('Draft, 2 things missing');
    expect(standingSummary(standingOf(null, content, 1, NO_KEY), 'export')).toBe('not signed (1 thing missing)');
    expect(standingSummary(standingOf(null, content, 0, NO_KEY))).toBe('Draft, ready to sign');
  });

  it('a sign-off without a key stands but is worded "recorded by NAME, not signed with a key", never as a signature', () => {
    const standing = standingOf(signature(), content, 0, NO_KEY);
    expect(standing).toEqual({
      state: 'signed',
      signed: { by: DANA, at: '2026-12-01T10:00:00.000Z', key: null },
      forged: null,
      blocking: 0,
      signatureProblems: [],
    });
    expect(standingSummary(standing)).toBe('Recorded by Dana Founder on 2026-12-01, not signed with a key');
    expect(standingSummary(standing, 'export')).toBe('recorded by Dana Founder on 2026-12-01, not signed with a key');
    expect(standingBadge(standing)).toBe('Recorded, not signed with a key');
    expect(standingSummary(standing)).not.toMatch(/signed by/i);
  });

  it('a sign-off whose SSH signature verifies says who signed with which key', () => {
    const standing = standingOf({ ...signature(), key: keyBlock }, content, 0, valid);
    expect(standing.state).toBe('signed');
    expect(standing.signed?.key).toEqual({ keyType: 'ED25519', fingerprint: FINGERPRINT });
    expect(standingSummary(standing)).toBe(`Signed by Dana Founder on 2026-12-01 with ED25519 key ${FINGERPRINT}`);
    expect(signOffWords(standing.signed!, { email: true, time: true })).toBe(
      `Signed by Dana Founder (dana@acme.example) on 2026-12-01 10:00 UTC with ED25519 key ${FINGERPRINT}`,
    );
    expect(standingBadge(standing)).toBe('Signed with a key');
  });

  it('a forged signature counts as not signed, and says what it claims and why', () => {
    const standing = standingOf({ ...signature(), key: keyBlock }, content, 0, {
      kind: 'forged',
      why: 'its SSH signature covers another statement',
    });
    expect(standing.state).toBe('signature_forged');
    expect(standing.signed).toBeNull();
    expect(standing.forged).toMatchObject({ by: DANA, why: 'its SSH signature covers another statement' });
    expect(standing.signatureProblems).toEqual([
      expect.stringMatching(/^Forged sign-off: it names Dana Founder on 2026-12-01, but its SSH signature covers/),
    ]);
    expect(standingBadge(standing)).toBe('Forged sign-off');
    expect(standingSummary(standing, 'export')).toBe('not signed: the sign-off naming Dana Founder is forged');
    expect(awsReviewConclusion(standing, 'rely')).toBe('signature_forged');
    const readiness = awsReviewReadiness(standing, 'rely');
    expect(readiness).toMatchObject({ signed: false, forged: true });
    expect(reviewStands(readiness)).toBe(false);
  });

  it('a block that carries a key but whose signature was never checked does not stand as signed', () => {
    const standing = standingOf({ ...signature(), key: keyBlock }, content, 0, NO_KEY);
    expect(standing.state).toBe('signature_stale');
    expect(standing.signatureProblems[0]).toMatch(/could not be checked/);
    const unchecked = standingOf({ ...signature(), key: keyBlock }, content, 0, {
      kind: 'unchecked',
      why: 'ssh-keygen is not installed',
    });
    expect(unchecked.state).toBe('signature_stale');
    expect(unchecked.signatureProblems[0]).toMatch(/ssh-keygen is not installed/);
  });

  it('content changed after signing (one decision edited by hand) means the sign-off no longer stands', () => {
    const edited = { rows: [{ id: 'u-1', decision: 'remove' }] };
    const standing = standingOf(signature(), edited, 0, NO_KEY);
    expect(standing.state).toBe('signature_stale');
    expect(standing.signatureProblems).toEqual([expect.stringMatching(/^The review was changed after it was signed/)]);
    expect(standingSummary(standing)).toBe(
      'Recorded by Dana Founder on 2026-12-01, not signed with a key, but the sign-off no longer stands',
    );
    expect(standingSummary(standing, 'export')).toMatch(/does not stand for this export$/);
  });

  it('a signature judged for a scope stands only in that scope, worded for the audit or for a bundle', () => {
    const scoped = { ...signature(), asOfDate: '2026-12-31', categories: ['security' as const] };
    const same = { asOfDate: '2026-12-31', categories: ['security' as const] };
    expect(standingOf(scoped, content, 0, NO_KEY, { ...same, subject: 'audit' }).state).toBe('signed');
    const later = standingOf(scoped, content, 0, NO_KEY, { ...same, asOfDate: '2027-01-15', subject: 'bundle' });
    expect(later.signatureProblems).toEqual([expect.stringContaining('this bundle is as of 2027-01-15')]);
    const wider = standingOf(scoped, content, 0, NO_KEY, {
      ...same,
      categories: ['security', 'availability'],
      subject: 'audit',
    });
    expect(wider.signatureProblems).toEqual([expect.stringContaining('the audit now covers Security, Availability')]);
    // A review not signed for a scope (an access review) is not judged against one.
    expect(
      standingOf(signature(), content, 0, NO_KEY, { ...same, asOfDate: '2027-01-15', subject: 'audit' }).state,
    ).toBe('signed');
  });

  it('the AWS report review counts for inherited controls only when its standing is signed and it relies on the report', () => {
    const signed = reviewStanding({ signed: signature(), contentMatches: true, blocking: 0, key: NO_KEY });
    const stale = reviewStanding({ signed: signature(), contentMatches: false, blocking: 0, key: NO_KEY });
    expect(awsReviewConclusion(signed, 'rely')).toBe('relied_on');
    expect(awsReviewConclusion(signed, 'do_not_rely')).toBe('not_relied_on');
    expect(awsReviewConclusion(stale, 'rely')).toBe('signature_stale');
    expect(awsReviewConclusion(standingOf(null, content, 3, NO_KEY), 'rely')).toBe('draft');
    expect(reviewStands(awsReviewReadiness(signed, 'rely'))).toBe(true);
    expect(reviewStands(awsReviewReadiness(stale, 'rely'))).toBe(false);
    expect(awsReviewReadiness(standingOf(null, content, 3, NO_KEY), null)).toEqual({
      signed: false,
      blockingProblems: 3,
      signatureProblems: [],
      forged: false,
      reliance: null,
    });
  });
});
