import { describe, expect, it } from 'vitest';
import { ACCESS_REVIEW_CONTROL_ID, controlById } from '../../../shared/catalog';
import { ControlState } from '../../../shared/domain/control-state';
import { computeReadiness, type AccessReviewStanding } from '../../../shared/rules/readiness';

/** The dashboard's blockers for the access-reviews control, from where the access reviews stand. */
const control = controlById(ACCESS_REVIEW_CONTROL_ID)!;
const members = [{ id: 'ana', name: 'Ana' }];

function blockers(accessReview: AccessReviewStanding | undefined, status: 'in_progress' | 'accepted' = 'in_progress') {
  return computeReadiness({
    controls: [control],
    states: { [control.id]: ControlState.parse({ ownerId: 'ana', status }) },
    members,
    meId: 'ana',
    today: '2027-03-01',
    categories: ['security'],
    ...(accessReview ? { accessReview } : {}),
  }).blockers.filter((b) => b.kind.startsWith('access_review'));
}

const signedOn = (lastSigned: string, nextDue: string): AccessReviewStanding => ({
  state: 'signed',
  decided: 12,
  rows: 12,
  lastSigned,
  nextDue,
});

describe('readiness of the access-reviews control', () => {
  it('says a review in progress is not signed, with how far it got', () => {
    const b = blockers({ state: 'draft', decided: 3, rows: 12, lastSigned: null, nextDue: null });
    expect(b.map((x) => x.kind)).toEqual(['access_review_unsigned']);
    expect(b[0]!.reason).toContain('3 of 12 identities decided');
  });

  it('asks for a first review only once the control is marked done, and for a stale signature always', () => {
    expect(blockers({ state: null, decided: 0, rows: 0, lastSigned: null, nextDue: null })).toEqual([]);
    expect(
      blockers({ state: null, decided: 0, rows: 0, lastSigned: null, nextDue: null }, 'accepted')[0]!.reason,
    ).toMatch(/^No access review has been started/);
    expect(
      blockers({ state: 'signature_stale', decided: 12, rows: 12, lastSigned: '2027-01-10', nextDue: '2027-04-11' })[0]!
        .reason,
    ).toContain('no longer stands');
  });

  it('is quiet while a signed review is current, and says when the next one is overdue', () => {
    expect(blockers(signedOn('2027-01-10T10:00:00.000Z', '2027-04-11'))).toEqual([]);
    const late = blockers(signedOn('2026-10-01T10:00:00.000Z', '2026-12-31'));
    expect(late.map((x) => x.kind)).toEqual(['access_review_overdue']);
    expect(late[0]!.reason).toContain('signed on 2026-10-01; the next was due by 2026-12-31');
  });

  it('raises nothing when the access reviews are not known (older callers)', () => {
    expect(blockers(undefined, 'accepted')).toEqual([]);
  });
});
