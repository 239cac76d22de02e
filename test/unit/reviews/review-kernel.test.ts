import { describe, expect, it } from 'vitest';
import { reviewStanding, standingSummary, STATE_BADGES } from '../../../shared/rules/reviews/review-standing';
import { contentSha256, standingOf } from '../../../main/services/reviews/review-kernel';
import { awsReviewConclusion, awsReviewReadiness } from '../../../shared/rules/aws-report-standing';
import { reviewStands } from '../../../shared/rules/readiness';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };
const content = { rows: [{ id: 'u-1', decision: 'keep' }] };
const signature = (over: unknown = content) => ({ by: DANA, at: '2026-12-01T10:00:00.000Z', ...sig(over) });
const sig = (over: unknown) => ({ contentSha256: contentSha256(over) });

describe('the review kernel: where a review stands', () => {
  it('a draft with things missing is a draft; one with nothing missing is ready to sign', () => {
    expect(standingOf(null, content, 2)).toEqual({ state: 'draft', signed: null, blocking: 2, signatureProblems: [] });
    expect(standingOf(null, content, 0).state).toBe('ready_to_sign');
    expect(standingSummary(standingOf(null, content, 2))).toBe('Draft, 2 things missing');
    expect(standingSummary(standingOf(null, content, 1), 'export')).toBe('not signed (1 thing missing)');
    expect(standingSummary(standingOf(null, content, 0))).toBe('Draft, ready to sign');
  });

  it('a signature over the content as it is stands, and says who signed and when', () => {
    const standing = standingOf(signature(), content, 0);
    expect(standing).toEqual({
      state: 'signed',
      signed: { by: DANA, at: '2026-12-01T10:00:00.000Z' },
      blocking: 0,
      signatureProblems: [],
    });
    expect(standingSummary(standing)).toBe('Signed by Dana Founder on 2026-12-01');
    expect(STATE_BADGES[standing.state]).toBe('Signed');
  });

  it('content changed after signing (one decision edited by hand) means the signature no longer stands', () => {
    const edited = { rows: [{ id: 'u-1', decision: 'remove' }] };
    const standing = standingOf(signature(), edited, 0);
    expect(standing.state).toBe('signature_stale');
    expect(standing.signatureProblems).toEqual([expect.stringMatching(/^The review was changed after it was signed/)]);
    expect(standingSummary(standing)).toBe('Signed by Dana Founder on 2026-12-01, but the signature no longer stands');
    expect(standingSummary(standing, 'export')).toMatch(/does not stand for this export$/);
  });

  it('a signature judged for a scope stands only in that scope, worded for the audit or for a bundle', () => {
    const scoped = { ...signature(), asOfDate: '2026-12-31', categories: ['security' as const] };
    const same = { asOfDate: '2026-12-31', categories: ['security' as const] };
    expect(standingOf(scoped, content, 0, { ...same, subject: 'audit' }).state).toBe('signed');
    const later = standingOf(scoped, content, 0, { ...same, asOfDate: '2027-01-15', subject: 'bundle' });
    expect(later.signatureProblems).toEqual([expect.stringContaining('this bundle is as of 2027-01-15')]);
    const wider = standingOf(scoped, content, 0, {
      ...same,
      categories: ['security', 'availability'],
      subject: 'audit',
    });
    expect(wider.signatureProblems).toEqual([expect.stringContaining('the audit now covers Security, Availability')]);
    // A review not signed for a scope (an access review) is not judged against one.
    expect(standingOf(signature(), content, 0, { ...same, asOfDate: '2027-01-15', subject: 'audit' }).state).toBe(
      'signed',
    );
  });

  it('the AWS report review counts for inherited controls only when its standing is signed and it relies on the report', () => {
    const signed = reviewStanding({ signed: signature(), contentMatches: true, blocking: 0 });
    const stale = reviewStanding({ signed: signature(), contentMatches: false, blocking: 0 });
    expect(awsReviewConclusion(signed, 'rely')).toBe('relied_on');
    expect(awsReviewConclusion(signed, 'do_not_rely')).toBe('not_relied_on');
    expect(awsReviewConclusion(stale, 'rely')).toBe('signature_stale');
    expect(awsReviewConclusion(standingOf(null, content, 3), 'rely')).toBe('draft');
    expect(reviewStands(awsReviewReadiness(signed, 'rely'))).toBe(true);
    expect(reviewStands(awsReviewReadiness(stale, 'rely'))).toBe(false);
    expect(awsReviewReadiness(standingOf(null, content, 3), null)).toEqual({
      signed: false,
      blockingProblems: 3,
      signatureProblems: [],
      reliance: null,
    });
  });
});
