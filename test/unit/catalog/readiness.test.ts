import { describe, expect, it } from 'vitest';
import { AWS_REPORT_REVIEW_CONTROL_ID, controlById, type ControlDef } from '../../../shared/catalog';
import { ControlState, type ControlStatus } from '../../../shared/domain/control-state';
import { controlsInScope } from '../../../shared/rules/coverage';
import {
  computeReadiness,
  effectiveStatus,
  reviewStands,
  type AwsReviewStanding,
  type ReadinessInput,
} from '../../../shared/rules/readiness';

const ctl = (id: string): ControlDef => {
  const c = controlById(id);
  if (!c) throw new Error(`no control ${id}`);
  return c;
};

const state = (s: Partial<ReturnType<typeof ControlState.parse>> = {}) => ControlState.parse(s);
const exclusion = (id: string, expiresOn: string) => ({
  id,
  what: `excluded ${id}`,
  reason: 'legacy system',
  approvedBy: 'Ana',
  expiresOn,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'ana',
});

const members = [
  { id: 'ana', name: 'Ana' },
  { id: 'ben', name: 'Ben' },
];

// Hand-built: 2 inherited, 4 owned, 1 shared.
const controls = [
  'aws-physical-security', // inherited, CC6.4
  'aws-hardware-lifecycle', // inherited, CC6.5, C1.2
  'iam-root-account', // owned, CC6.1 CC6.2
  'change-management', // owned, CC8.1 CC3.4 CC5.2 PI1.3
  AWS_REPORT_REVIEW_CONTROL_ID, // owned, CC9.2 CC2.3 CC3.2
  'code-of-conduct', // owned, CC1.1 CC1.5
  'key-management', // shared, CC6.1 C1.1
].map(ctl);

/** A signed review, valid for the audit's scope, relying on AWS's report. */
const STANDS: AwsReviewStanding = { signed: true, blockingProblems: 0, signatureProblems: [], reliance: 'rely' };
const UNSIGNED: AwsReviewStanding = { signed: false, blockingProblems: 3, signatureProblems: [], reliance: null };
const STALE_TEXT =
  'It was signed for an "as of" date of 2026-12-31; the audit is now as of 2027-06-30. Reopen it, check the gap, and sign it again.';

const input = (over: Partial<ReadinessInput> = {}): ReadinessInput => ({
  controls,
  states: {},
  members,
  meId: 'ana',
  today: '2026-06-15',
  categories: ['security'],
  ...over,
});

describe('computeReadiness', () => {
  it('treats missing states as not started and blames no inherited control for lacking an owner', () => {
    const r = computeReadiness(input());
    expect(r.total).toBe(7);
    expect(r.byStatus).toEqual({ total: 7, not_started: 7, in_progress: 0, ready_for_review: 0, accepted: 0 });
    expect(r.percentReady).toBe(0);
    expect(r.assignedToMe).toEqual([]);
    expect(r.blockers.map((b) => [b.kind, b.controlId])).toEqual([
      ['no_owner', 'iam-root-account'],
      ['no_owner', 'change-management'],
      ['no_owner', AWS_REPORT_REVIEW_CONTROL_ID],
      ['no_owner', 'code-of-conduct'],
      ['no_owner', 'key-management'],
    ]);
    const review = r.blockers.find((b) => b.controlId === AWS_REPORT_REVIEW_CONTROL_ID);
    expect(review?.reason).toMatch(/Nobody owns this control so nobody has started it/);
    expect(review?.reason).toMatch(/The 2 controls inherited from AWS/);
  });

  it('counts by status, responsibility and criteria group, rounding percentages down', () => {
    const states = {
      'iam-root-account': state({ ownerId: 'ana', status: 'accepted' }),
      'change-management': state({ ownerId: 'ben', status: 'ready_for_review' }),
      [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status: 'in_progress' }),
      'code-of-conduct': state({ ownerId: 'ben', status: 'not_started' }),
      'key-management': state({ ownerId: 'ana', status: 'accepted' }),
    };
    const r = computeReadiness(input({ states, categories: ['security', 'confidentiality'] }));
    // Inherited follow the review, which is in progress.
    expect(r.byStatus).toEqual({ total: 7, not_started: 1, in_progress: 3, ready_for_review: 1, accepted: 2 });
    expect(r.byResponsibility.inherited).toEqual({
      total: 2,
      not_started: 0,
      in_progress: 2,
      ready_for_review: 0,
      accepted: 0,
    });
    expect(r.byResponsibility.owned).toEqual({
      total: 4,
      not_started: 1,
      in_progress: 1,
      ready_for_review: 1,
      accepted: 1,
    });
    expect(r.byResponsibility.shared).toEqual({
      total: 1,
      not_started: 0,
      in_progress: 0,
      ready_for_review: 0,
      accepted: 1,
    });
    expect(r.percentReady).toBe(42); // 3 of 7 = 42.86
    expect(r.percentAccepted).toBe(28); // 2 of 7 = 28.57

    const group = Object.fromEntries(r.groups.map((g) => [g.group, g]));
    expect(r.groups.map((g) => g.group)).toEqual(['CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'CC7', 'CC8', 'CC9', 'C']);
    // CC6: physical (in progress via review), hardware (in progress), root (accepted), key-management (accepted).
    expect(group.CC6).toMatchObject({
      total: 4,
      accepted: 2,
      readyForReview: 0,
      inProgress: 2,
      notStarted: 0,
      percentReady: 50,
      percentAccepted: 50,
    });
    // CC3: change-management (ready), review (in progress).
    expect(group.CC3).toMatchObject({
      total: 2,
      accepted: 0,
      readyForReview: 1,
      inProgress: 1,
      percentReady: 50,
      percentAccepted: 0,
    });
    expect(group.CC1).toMatchObject({ total: 1, notStarted: 1, percentReady: 0, label: 'Control environment' });
    expect(group.CC4).toMatchObject({ total: 0, percentReady: 0 });
    // C: hardware lifecycle (C1.2) and key-management (C1.1).
    expect(group.C).toMatchObject({ total: 2, accepted: 1, inProgress: 1, percentReady: 50 });
  });

  it('lists what is assigned to me, least advanced first', () => {
    const states = {
      'iam-root-account': state({ ownerId: 'ana', status: 'accepted' }),
      'code-of-conduct': state({ ownerId: 'ana', status: 'in_progress' }),
      'key-management': state({ ownerId: 'ana' }),
      'change-management': state({ ownerId: 'ben' }),
    };
    const mine = computeReadiness(input({ states })).assignedToMe;
    expect(mine.map((m) => [m.controlId, m.status])).toEqual([
      ['key-management', 'not_started'],
      ['code-of-conduct', 'in_progress'],
      ['iam-root-account', 'accepted'],
    ]);
    expect(mine[0]).toMatchObject({ title: 'Encryption key management', responsibility: 'shared' });
    expect(computeReadiness(input({ states, meId: null })).assignedToMe).toEqual([]);
  });

  it('reports exclusions that lapsed before today, keeping one that expires today', () => {
    const states = {
      'iam-root-account': state({
        ownerId: 'ana',
        status: 'accepted',
        exclusions: [exclusion('x-old', '2026-06-14'), exclusion('x-today', '2026-06-15')],
      }),
      'aws-physical-security': state({ exclusions: [exclusion('x-inh', '2025-12-31')] }),
    };
    const expired = computeReadiness(input({ states })).blockers.filter((b) => b.kind === 'exclusion_expired');
    expect(expired.map((b) => [b.controlId, b.exclusionId])).toEqual([
      ['aws-physical-security', 'x-inh'],
      ['iam-root-account', 'x-old'],
    ]);
    expect(expired[1]?.reason).toBe(
      'The exclusion "excluded x-old" expired on 2026-06-14. Renew it with a new approval, or fix what it excused.',
    );
    const nextDay = computeReadiness(input({ states, today: '2026-06-16' })).blockers.filter(
      (b) => b.kind === 'exclusion_expired',
    );
    expect(nextDay.map((b) => b.exclusionId)).toEqual(['x-inh', 'x-old', 'x-today']);
  });

  it('names each blocker kind with a human reason, most urgent first', () => {
    const states = {
      'iam-root-account': state({ ownerId: 'ana', status: 'not_started' }),
      'change-management': state({ ownerId: 'ben', status: 'ready_for_review' }),
      'code-of-conduct': state({ ownerId: 'gone', status: 'in_progress' }),
      [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status: 'accepted' }),
      'key-management': state({ status: 'in_progress', exclusions: [exclusion('k', '2026-01-01')] }),
    };
    const blockers = computeReadiness(input({ states })).blockers;
    expect(blockers.map((b) => [b.kind, b.controlId])).toEqual([
      ['exclusion_expired', 'key-management'],
      ['no_owner', 'key-management'],
      ['owner_not_on_team', 'code-of-conduct'],
      ['awaiting_review', 'change-management'],
      ['not_started', 'iam-root-account'],
    ]);
    const reason = Object.fromEntries(blockers.map((b) => [b.kind, b.reason]));
    expect(reason.no_owner).toBe('Nobody owns this control. Assign an owner so someone is accountable for it.');
    expect(reason.owner_not_on_team).toMatch(/no longer on the team/);
    expect(reason.awaiting_review).toMatch(/^Ben marked it ready for review/);
    expect(reason.not_started).toBe('Ana owns it but work has not started.');
    for (const b of blockers) expect(b.title).toBe(controlById(b.controlId)?.title);
  });

  it('marks every inherited control accepted once the AWS report review is accepted and its review stands', () => {
    const states = { [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status: 'accepted' }) };
    const r = computeReadiness(input({ states, awsReportReview: STANDS }));
    expect(r.byResponsibility.inherited).toMatchObject({ total: 2, accepted: 2 });
    expect(r.blockers.some((b) => b.controlId.startsWith('aws-'))).toBe(false);
  });

  it('counts inherited controls as in progress while the review is not signed, not known, relies on nothing, or its signature no longer stands', () => {
    const states = { [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status: 'accepted' }) };
    for (const awsReportReview of [
      UNSIGNED,
      undefined,
      { ...STANDS, reliance: 'do_not_rely' as const },
      { ...STANDS, reliance: null },
      { ...STANDS, signatureProblems: [STALE_TEXT] },
    ]) {
      const r = computeReadiness(input({ states, ...(awsReportReview ? { awsReportReview } : {}) }));
      expect(r.byResponsibility.inherited, JSON.stringify(awsReportReview)).toMatchObject({
        total: 2,
        accepted: 0,
        in_progress: 2,
      });
      // The review control itself keeps its own status.
      expect(r.byResponsibility.owned.accepted).toBe(1);
    }
    // Relying with follow-ups is relying.
    expect(
      computeReadiness(input({ states, awsReportReview: { ...STANDS, reliance: 'rely_with_follow_ups' } }))
        .byResponsibility.inherited.accepted,
    ).toBe(2);
  });

  it('refuses a malformed today rather than judging exclusions wrongly', () => {
    expect(() => computeReadiness(input({ today: '15/06/2026' }))).toThrow(/YYYY-MM-DD/);
  });

  it('is 100% ready only when every in-scope control is', () => {
    const all = controlsInScope(['security']);
    const states = Object.fromEntries(
      all.map((c) => [c.id, state({ ownerId: 'ana', status: 'accepted' as ControlStatus })]),
    );
    const done = computeReadiness(input({ controls: all, states, awsReportReview: STANDS }));
    expect(done.percentAccepted).toBe(100);
    expect(done.blockers).toEqual([]);
    expect(done.groups.every((g) => g.total > 0 && g.percentAccepted === 100)).toBe(true);
    const oneLeft = { ...states, 'iam-root-account': state({ ownerId: 'ana', status: 'in_progress' }) };
    const almost = computeReadiness(input({ controls: all, states: oneLeft, awsReportReview: STANDS })).percentAccepted;
    expect(almost).toBe(Math.floor((100 * (all.length - 1)) / all.length));
    expect(almost).toBeLessThan(100);
  });
});

describe('effectiveStatus', () => {
  const physical = ctl('aws-physical-security');
  const review = (s: ControlStatus) => ({ [AWS_REPORT_REVIEW_CONTROL_ID]: state({ status: s }) });

  it("takes the further along of an inherited control's own status and the review control's, when the review stands", () => {
    expect(effectiveStatus(physical, {}, STANDS)).toBe('not_started');
    expect(effectiveStatus(physical, review('ready_for_review'), STANDS)).toBe('ready_for_review');
    expect(effectiveStatus(physical, review('accepted'), STANDS)).toBe('accepted');
    expect(
      effectiveStatus(
        physical,
        { ...review('in_progress'), 'aws-physical-security': state({ status: 'accepted' }) },
        STANDS,
      ),
    ).toBe('accepted');
    expect(effectiveStatus(ctl('iam-root-account'), review('accepted'), STANDS)).toBe('not_started');
  });

  it("caps the review control's contribution at in progress when the review does not stand", () => {
    for (const standing of [
      undefined,
      UNSIGNED,
      { ...STANDS, reliance: 'do_not_rely' as const },
      { ...STANDS, signatureProblems: [STALE_TEXT] },
    ]) {
      expect(reviewStands(standing)).toBe(false);
      expect(effectiveStatus(physical, review('accepted'), standing)).toBe('in_progress');
      expect(effectiveStatus(physical, review('ready_for_review'), standing)).toBe('in_progress');
      expect(effectiveStatus(physical, review('not_started'), standing)).toBe('not_started');
      // Controls the company operates are not touched.
      expect(
        effectiveStatus(ctl('iam-root-account'), { 'iam-root-account': state({ status: 'accepted' }) }, standing),
      ).toBe('accepted');
    }
    expect(reviewStands(STANDS)).toBe(true);
  });
});

describe('failing automated checks block readiness', () => {
  const outcome = (checkId: string, result: 'pass' | 'fail' | 'error' | 'needs_review') => ({
    checkId,
    result,
    summary: `${checkId} says ${result}.`,
    collectedAt: '2026-06-10T09:00:00Z',
  });

  it('names the failing or broken check on the control that expects it, and ignores passing ones', () => {
    const r = computeReadiness(
      input({
        checkResults: [
          outcome('iam.root-mfa', 'fail'),
          outcome('iam.root-access-keys', 'pass'),
          outcome('iam.root-recent-use', 'error'),
          outcome('iam.admin-access', 'needs_review'),
        ],
      }),
    );
    const failing = r.blockers.filter((b) => b.kind === 'check_failing');
    expect(failing.map((b) => b.controlId)).toEqual(['iam-root-account', 'iam-root-account']);
    expect(failing[0]!.reason).toContain('iam.root-mfa fails (collected 2026-06-10)');
    expect(failing[1]!.reason).toContain('iam.root-recent-use could not run');
  });

  it('ranks them right after expired exclusions', () => {
    const r = computeReadiness(input({ checkResults: [outcome('iam.root-mfa', 'fail')] }));
    expect(r.blockers[0]!.kind).toBe('check_failing');
  });
});

describe('the review of AWS’s SOC 2 report behind the review control', () => {
  const accepted = { [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status: 'accepted' }) };

  it('blocks a review control marked accepted while the review itself is unsigned, saying what is missing', () => {
    const r = computeReadiness(input({ states: accepted, awsReportReview: UNSIGNED }));
    const blocker = r.blockers.find((b) => b.kind === 'report_review_unsigned');
    expect(blocker?.controlId).toBe(AWS_REPORT_REVIEW_CONTROL_ID);
    expect(blocker?.reason).toMatch(
      /^It is marked "Accepted", but the review of AWS's SOC 2 report is not signed \(3 things missing\)\. Complete and sign it/,
    );
    expect(blocker?.reason).toContain('The 2 controls inherited from AWS count as done only once');
  });

  it('raises nothing once it is signed, nor while the control is still in progress', () => {
    expect(computeReadiness(input({ states: accepted, awsReportReview: STANDS })).blockers).toEqual(
      computeReadiness(input({ states: accepted })).blockers,
    );
    const inProgress = { [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status: 'in_progress' }) };
    const r = computeReadiness(input({ states: inProgress, awsReportReview: { ...UNSIGNED, blockingProblems: 5 } }));
    expect(r.blockers.some((b) => b.kind === 'report_review_unsigned')).toBe(false);
  });

  it("blocks when the signature no longer stands, whatever the control's status, quoting why", () => {
    for (const status of ['in_progress', 'accepted'] as const) {
      const states = { [AWS_REPORT_REVIEW_CONTROL_ID]: state({ ownerId: 'ana', status }) };
      const r = computeReadiness(input({ states, awsReportReview: { ...STANDS, signatureProblems: [STALE_TEXT] } }));
      const stale = r.blockers.filter((b) => b.kind === 'report_review_signature_stale');
      expect(stale.map((b) => b.controlId)).toEqual([AWS_REPORT_REVIEW_CONTROL_ID]);
      expect(stale[0]!.reason).toBe(
        `The signature on the review of AWS's SOC 2 report no longer stands: ${STALE_TEXT} The 2 controls inherited from AWS count as done only once this control is, with the review of AWS's SOC 2 report recorded here signed for the audit's as-of date and scope and relying on the report.`,
      );
      expect(r.blockers.some((b) => b.kind === 'report_review_unsigned')).toBe(false);
    }
  });
});
