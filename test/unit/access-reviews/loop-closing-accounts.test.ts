import { describe, expect, it } from 'vitest';
import type { AccessReview, PopulationRow } from '../../../shared/domain/access-review';
import { compareFollowUps } from '../../../shared/rules/access/loop-closing';

/**
 * Closing the loop over many accounts: an identity whose account (or Identity Center) the later
 * collection could not read is missing for that reason only, so its "remove" is not judged
 * carried out; what an earlier comparison found is kept.
 */

const PROD = '111122223333';
const STAGING = '123456789012';
const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2027-01-10T10:00:00.000Z';
const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

const row = (id: string, kind: PopulationRow['kind'], accountIds: string[]): PopulationRow => ({
  id,
  kind,
  name: id.split('/').at(-1)!,
  accountIds,
  access: [],
  groups: [],
  policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  serviceLinked: false,
  lastUsed: null,
  flags: [],
  reasons: [],
});

const prodUser = row(`iam:${PROD}:user/old-contractor`, 'iam_user', [PROD]);
const stagingUser = row(`iam:${STAGING}:user/old-tester`, 'iam_user', [STAGING]);
const ssoUser = row('sso:d-9067e0a1b2:user/906722b2be-lee', 'sso_user', [PROD]);

const signed: AccessReview = {
  id: 'ar-2026-12-01-abc',
  startedAt: AT,
  startedBy: DANA,
  accountIds: [PROD, STAGING],
  notes: [],
  collectedAt: AT,
  rows: [prodUser, stagingUser, ssoUser],
  reviewers: {},
  defaultReviewerIds: [],
  decisions: Object.fromEntries(
    [prodUser, stagingUser, ssoUser].map((r) => [
      r.id,
      { decision: 'remove' as const, justification: 'Left', by: DANA, at: AT },
    ]),
  ),
  signed: null,
  evidenceIds: [],
  followUps: {},
};

describe('the loop closes only where the later collection could read', () => {
  it('an identity missing because its account was not read is not carried out; the others are judged', () => {
    // Staging's role was refused and Identity Center unreachable: only Production's IAM was read, without the contractor.
    const followUps = compareFollowUps(signed, [], LATER, { iamAccountIds: [PROD], identityCenter: false });
    expect(followUps[prodUser.id]).toMatchObject({ status: 'carried_out', what: 'old-contractor is gone.' });
    expect(followUps[stagingUser.id]).toBeUndefined();
    expect(followUps[ssoUser.id]).toBeUndefined();
  });

  it('keeps what an earlier comparison found for an account not read this time', () => {
    const earlier = compareFollowUps(signed, [prodUser, ssoUser], AT, {
      iamAccountIds: [PROD, STAGING],
      identityCenter: true,
    });
    expect(earlier[stagingUser.id]).toMatchObject({ status: 'carried_out', firstSeenDone: AT });
    const again = compareFollowUps({ ...signed, followUps: earlier }, [prodUser, ssoUser], LATER, {
      iamAccountIds: [PROD],
      identityCenter: true,
    });
    expect(again[stagingUser.id]).toEqual(earlier[stagingUser.id]);
    expect(again[prodUser.id]).toMatchObject({ status: 'open', checkedAt: LATER });
  });
});
