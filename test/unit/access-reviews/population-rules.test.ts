import { describe, expect, it } from 'vitest';
import type { AccessReview, PopulationRow } from '../../../shared/domain/access-review';
import { expandAssignments } from '../../../shared/rules/access/group-expansion';
import { compareFollowUps } from '../../../shared/rules/access/loop-closing';
import { buildPopulation, type PopulationInput } from '../../../shared/rules/access/population';
import { goneReviewers, nextDue, reviewRowProblems } from '../../../shared/rules/access/review-rules';
import { assumableFromOutside, readTrustPolicy } from '../../../shared/rules/access/trust-policy';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-12-01T12:00:00Z');
const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const trust = (Principal: unknown, extra: Record<string, unknown> = {}) =>
  enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra }] });
const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };
const SAM = { name: 'Sam Engineer', email: 'sam@acme.example' };

describe('trust-policy reading', () => {
  it('sorts principals into this account, other accounts, identity providers, services and anyone', () => {
    const t = readTrustPolicy(
      trust({
        AWS: [`arn:aws:iam::${ACCOUNT}:root`, '444455556666', 'arn:aws:iam::123456789012:role/ci'],
        Service: 'lambda.amazonaws.com',
        Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
      }),
      ACCOUNT,
    );
    expect(t).toEqual({
      sameAccount: [`arn:aws:iam::${ACCOUNT}:root`],
      otherAccounts: ['444455556666', 'arn:aws:iam::123456789012:role/ci'],
      identityProviders: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'],
      services: ['lambda.amazonaws.com'],
      anyone: false,
      conditional: false,
    });
    expect(assumableFromOutside(t)).toBe(true);
  });

  it('reads "*" and {AWS: "*"} as anyone, ignores Deny, and does not count Identity Center’s own SAML provider as outside', () => {
    expect(readTrustPolicy(trust('*'), ACCOUNT).anyone).toBe(true);
    expect(
      readTrustPolicy(trust({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }), ACCOUNT),
    ).toMatchObject({
      anyone: true,
      conditional: true,
    });
    const denied = enc({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }] });
    expect(readTrustPolicy(denied, ACCOUNT).anyone).toBe(false);
    const sso = readTrustPolicy(
      trust({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` }),
      ACCOUNT,
    );
    expect(assumableFromOutside(sso)).toBe(false);
  });
});

describe('group expansion', () => {
  it('gives every member of an assigned group the permission set, with the group it came through, once each', () => {
    const members = new Map([
      ['g-admins', ['u-dana']],
      ['g-dev', ['u-sam', 'u-lee']],
    ]);
    const byUser = expandAssignments(
      [
        { accountId: ACCOUNT, permissionSetName: 'Admin', principalType: 'GROUP', principalId: 'g-admins' },
        { accountId: ACCOUNT, permissionSetName: 'Dev', principalType: 'GROUP', principalId: 'g-dev' },
        { accountId: ACCOUNT, permissionSetName: 'Dev', principalType: 'GROUP', principalId: 'g-dev' },
        { accountId: ACCOUNT, permissionSetName: 'Admin', principalType: 'USER', principalId: 'u-lee' },
      ],
      members,
      (id) => ({ 'g-admins': 'Admins', 'g-dev': 'Developers' })[id] ?? id,
    );
    expect(byUser.get('u-dana')).toEqual([{ accountId: ACCOUNT, permissionSetName: 'Admin', via: 'Admins' }]);
    expect(byUser.get('u-lee')).toEqual([
      { accountId: ACCOUNT, permissionSetName: 'Dev', via: 'Developers' },
      { accountId: ACCOUNT, permissionSetName: 'Admin', via: 'direct' },
    ]);
  });

  it('a user in 300 groups gets every group’s access', () => {
    const groups = Array.from({ length: 300 }, (_, i) => `g-${i}`);
    const byUser = expandAssignments(
      groups.map((g) => ({
        accountId: ACCOUNT,
        permissionSetName: `PS-${g}`,
        principalType: 'GROUP' as const,
        principalId: g,
      })),
      new Map(groups.map((g) => [g, ['u-busy']])),
      (id) => id,
    );
    expect(byUser.get('u-busy')).toHaveLength(300);
  });
});

const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const reportRow = (
  name: string,
  o: { password: boolean; mfa: boolean; lastUsed: Date | 'no_information'; created: Date },
) => ({
  user: name,
  arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  isRoot: false,
  createdAt: o.created,
  passwordEnabled: o.password,
  passwordLastUsed: o.password ? o.lastUsed : ('N/A' as const),
  passwordLastChanged: o.created,
  mfaActive: o.mfa,
  accessKeys: [0, 1].map((i) => ({
    slot: (i + 1) as 1 | 2,
    active: false,
    lastRotated: 'N/A' as const,
    lastUsed: 'N/A' as const,
    lastUsedRegion: 'N/A',
    lastUsedService: 'N/A',
  })) as never,
});

function input(): PopulationInput {
  const user = (UserName: string, extra = {}) => ({
    UserName,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${UserName}`,
    ...extra,
  });
  return {
    iam: [
      {
        accountId: ACCOUNT,
        awsManagedPolicyDocuments: {},
        authorizationDetails: {
          UserDetailList: [
            user('dana', { AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] }),
            user('sam', {
              UserPolicyList: [
                {
                  PolicyName: 'nearly',
                  PolicyDocument: enc({ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }),
                },
              ],
            }),
            user('old-contractor'),
          ],
          GroupDetailList: [],
          RoleDetailList: [
            { RoleName: 'open', Arn: `arn:aws:iam::${ACCOUNT}:role/open`, AssumeRolePolicyDocument: trust('*') },
            {
              RoleName: 'partner',
              Arn: `arn:aws:iam::${ACCOUNT}:role/partner`,
              AssumeRolePolicyDocument: trust({ AWS: '444455556666' }),
              RoleLastUsed: { LastUsedDate: daysAgo(400).toISOString() },
            },
            {
              RoleName: 'AWSServiceRoleForSupport',
              Path: '/aws-service-role/support.amazonaws.com/',
              Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
              AssumeRolePolicyDocument: trust('*'),
            },
          ],
          Policies: [],
        },
        credentialReport: [
          reportRow('dana', { password: true, mfa: true, lastUsed: daysAgo(1), created: daysAgo(500) }),
          reportRow('sam', { password: true, mfa: false, lastUsed: daysAgo(2), created: daysAgo(500) }),
          reportRow('old-contractor', { password: true, mfa: true, lastUsed: daysAgo(200), created: daysAgo(500) }),
        ],
      },
    ],
    identityCenter: {
      identityStoreId: 'd-9067e0a1b2',
      users: [
        {
          UserId: 'u-dana',
          UserName: 'dana@acme.example',
          DisplayName: 'Dana Founder',
          Emails: [{ Value: 'dana@acme.example' }],
        },
        { UserId: 'u-x', UserName: 'x@elsewhere.example' },
      ],
      groups: [{ GroupId: 'g-admins', DisplayName: 'Admins' }],
      memberships: [{ groupId: 'g-admins', userId: 'u-dana' }],
      permissionSets: [
        {
          arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1',
          name: 'AdministratorAccess',
          managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          customerManaged: [],
        },
      ],
      assignments: [
        {
          accountId: ACCOUNT,
          permissionSetName: 'AdministratorAccess',
          principalType: 'GROUP',
          principalId: 'g-admins',
        },
      ],
    },
    team: [DANA, SAM],
    unusedDays: 90,
    now: NOW,
  };
}

const rowOf = (rows: PopulationRow[], id: string) => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}: ${rows.map((x) => x.id).join(', ')}`);
  return r;
};

describe('the population and its flags', () => {
  const rows = buildPopulation(input());

  it('flags full admin by the rule of iam.admin-access, for IAM users and through permission sets', () => {
    expect(rowOf(rows, `iam:${ACCOUNT}:user/dana`).flags).toEqual(['full_admin']);
    const sso = rowOf(rows, 'sso:d-9067e0a1b2:user/u-dana');
    expect(sso.flags).toEqual(['full_admin']);
    expect(sso.access).toEqual([`AdministratorAccess @ ${ACCOUNT} (via Admins)`]);
    expect(rowOf(rows, 'sso:d-9067e0a1b2:group/g-admins').flags).toEqual(['full_admin']);
  });

  it('flags broad access, console without MFA, unused, and identities nobody on the team explains', () => {
    expect(rowOf(rows, `iam:${ACCOUNT}:user/sam`).flags).toEqual(['broad_access', 'console_without_mfa']);
    const old = rowOf(rows, `iam:${ACCOUNT}:user/old-contractor`);
    expect(old.flags).toEqual(['unused', 'unexplained']);
    expect(old.reasons[0]).toMatch(/more than 90 days ago/);
    expect(rowOf(rows, 'sso:d-9067e0a1b2:user/u-x').flags).toEqual(['unexplained']);
  });

  it('flags roles assumable by anyone or from outside, and lists service-linked roles apart, unflagged and last', () => {
    expect(rowOf(rows, `iam:${ACCOUNT}:role/open`).flags).toEqual(['assumable_by_anyone', 'unexplained']);
    const partner = rowOf(rows, `iam:${ACCOUNT}:role/partner`);
    expect(partner.flags).toEqual(['assumable_from_outside', 'unused', 'unexplained']);
    expect(partner.trust).toBe('other accounts: 444455556666');
    const linked = rows.at(-1)!;
    expect(linked).toMatchObject({ name: 'AWSServiceRoleForSupport', serviceLinked: true, flags: [] });
  });
});

const review = (rows: PopulationRow[], patch: Partial<AccessReview> = {}): AccessReview => ({
  id: 'ar-2026-12-01-abc',
  startedAt: NOW.toISOString(),
  startedBy: DANA,
  accountIds: [ACCOUNT],
  notes: [],
  collectedAt: NOW.toISOString(),
  rows,
  reviewers: {},
  defaultReviewerIds: ['m-dana'],
  decisions: {},
  signed: null,
  evidenceIds: [],
  followUps: {},
  ...patch,
});
const MEMBERS = [
  { id: 'm-dana', ...DANA },
  { id: 'm-sam', ...SAM },
];

describe('the self-review rule and what blocks sign-off', () => {
  const rows = buildPopulation(input()).filter((r) => ['iam_user', 'sso_user'].includes(r.kind));

  it('nobody may be the only reviewer of their own access: the row needs a second reviewer', () => {
    const problems = reviewRowProblems(review(rows), MEMBERS);
    const own = problems.filter((p) => p.message.includes('own access'));
    expect(own.map((p) => p.rowId).sort()).toEqual([`iam:${ACCOUNT}:user/dana`, 'sso:d-9067e0a1b2:user/u-dana']);
    const withSam = review(rows, { reviewers: { [`iam:${ACCOUNT}:user/dana`]: ['m-dana', 'm-sam'] } });
    expect(
      reviewRowProblems(withSam, MEMBERS).some(
        (p) => p.rowId === `iam:${ACCOUNT}:user/dana` && p.message.includes('own access'),
      ),
    ).toBe(false);
  });

  it('a decision on one’s own access does not count, and flagged rows and removes need a justification', () => {
    const danaRow = `iam:${ACCOUNT}:user/dana`;
    const at = NOW.toISOString();
    const r = review(rows, {
      reviewers: { [danaRow]: ['m-dana', 'm-sam'] },
      decisions: {
        [danaRow]: { decision: 'keep', justification: 'I am the founder', by: DANA, at },
        [`iam:${ACCOUNT}:user/old-contractor`]: { decision: 'remove', justification: '', by: DANA, at },
      },
    });
    const problems = reviewRowProblems(r, MEMBERS);
    expect(problems).toContainEqual({
      rowId: danaRow,
      message: expect.stringContaining('decided on their own access'),
    });
    expect(problems).toContainEqual({
      rowId: `iam:${ACCOUNT}:user/old-contractor`,
      message: expect.stringContaining('needs a justification'),
    });
  });

  it('a reviewer removed from the team mid-review is named in every row they review, and their decisions are kept', () => {
    const at = NOW.toISOString();
    const r = review(rows, {
      defaultReviewerIds: ['m-gone'],
      reviewerNames: { 'm-gone': 'Kim Contractor' },
      decisions: { [`iam:${ACCOUNT}:user/sam`]: { decision: 'keep', justification: 'needed', by: SAM, at } },
    });
    const problems = reviewRowProblems(r, MEMBERS);
    const named = problems.filter((p) =>
      p.message.includes('Kim Contractor is no longer on the team: assign their rows to someone else'),
    );
    expect(named).toHaveLength(rows.length);
    expect(r.decisions[`iam:${ACCOUNT}:user/sam`]).toBeDefined();
    // The rows only they reviewed, for the screen.
    expect(goneReviewers(r, MEMBERS)).toEqual([
      {
        id: 'm-gone',
        name: 'Kim Contractor',
        message: 'Kim Contractor is no longer on the team: assign their rows to someone else',
        rowIds: rows.map((x) => x.id),
        onlyReviewerRowIds: rows.map((x) => x.id),
      },
    ]);
    // A row that also has a current reviewer is not left without one.
    const shared = review(rows, {
      defaultReviewerIds: ['m-gone', 'm-sam'],
      reviewerNames: { 'm-gone': 'Kim Contractor' },
    });
    expect(goneReviewers(shared, MEMBERS)[0]!.onlyReviewerRowIds).toEqual([]);
  });
});

describe('the loop closes and the cadence', () => {
  const rows = buildPopulation(input());
  const at = NOW.toISOString();
  const old = `iam:${ACCOUNT}:user/old-contractor`;
  const sam = `iam:${ACCOUNT}:user/sam`;
  const signed = review(rows, {
    decisions: {
      [old]: { decision: 'remove', justification: 'left in June', by: DANA, at },
      [sam]: { decision: 'change', justification: 'drop the NotAction policy', by: DANA, at },
    },
    signed: { by: DANA, at, contentSha256: 'a'.repeat(64) },
  });

  it('a remove is carried out when the identity is gone; a change when its access differs; else open', () => {
    const later = rows.filter((r) => r.id !== old);
    const first = compareFollowUps(signed, later, '2027-01-10T00:00:00.000Z');
    expect(first[old]).toMatchObject({ status: 'carried_out', firstSeenDone: '2027-01-10T00:00:00.000Z' });
    expect(first[sam]).toMatchObject({ status: 'open' });
    const changed = later.map((r) => (r.id === sam ? { ...r, policies: [] } : r));
    const second = compareFollowUps({ ...signed, followUps: first }, changed, '2027-02-01T00:00:00.000Z');
    // The date it was first seen done stays.
    expect(second[old]!.firstSeenDone).toBe('2027-01-10T00:00:00.000Z');
    expect(second[sam]).toMatchObject({ status: 'carried_out', firstSeenDone: '2027-02-01T00:00:00.000Z' });
  });

  it('the next review is due a quarter after the last sign-off, or as the workspace sets it', () => {
    expect(nextDue([signed], 91)).toEqual({ lastSigned: at, nextDue: '2027-03-02' });
    expect(nextDue([signed], 30).nextDue).toBe('2026-12-31');
    expect(nextDue([review(rows)], 91)).toEqual({ lastSigned: null, nextDue: null });
  });
});
