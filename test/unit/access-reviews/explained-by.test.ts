import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decisionsCsv } from '../../../main/services/access-reviews/decisions-csv';
import { accessKeyWords } from '../../../shared/rules/access/access-keys';
import { buildPopulation } from '../../../shared/rules/access/population';
import { roleExplanation, userExplanation } from '../../../shared/rules/access/explained-by';
import { readTrustPolicy } from '../../../shared/rules/access/trust-policy';

/**
 * "Identities that no teammate or documented owner explains" (pure): teammates by email, name or
 * user name; Owner / Contact tags (any case) naming a teammate or any documented owner; roles
 * explained by their trust (AWS services only), service-linked, or made by Identity Center for a
 * permission set. Roles are flagged when nothing explains them, and never-used roles older than
 * the limit are unused (from their CreateDate).
 */

const ACCOUNT = '111122223333';
const NOW = new Date('2026-12-01T12:00:00Z');
const TEAM = [{ name: 'Dana Founder', email: 'dana@acme.example' }];
const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const trustOf = (Principal: unknown) =>
  enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' }] });
const reading = (Principal: unknown) => readTrustPolicy(trustOf(Principal), ACCOUNT);

describe('why a user is explained', () => {
  it('a teammate by email, name or the email’s local part', () => {
    expect(userExplanation(TEAM, ['dana@acme.example'])).toBe('teammate Dana Founder');
    expect(userExplanation(TEAM, ['DANA'])).toBe('teammate Dana Founder');
    expect(userExplanation(TEAM, ['Dana Founder'])).toBe('teammate Dana Founder');
  });

  it('an Owner or Contact tag, any case of the key, naming a teammate or any documented owner', () => {
    expect(userExplanation(TEAM, ['ci-bot'], [{ Key: 'Owner', Value: 'dana@acme.example' }])).toBe(
      'owner tag: dana@acme.example',
    );
    expect(userExplanation(TEAM, ['ci-bot'], [{ Key: 'owner', Value: 'Dana Founder' }])).toBe(
      'owner tag: Dana Founder',
    );
    expect(userExplanation(TEAM, ['ci-bot'], [{ Key: 'CONTACT', Value: 'platform team' }])).toBe(
      'documented owner: platform team',
    );
    // Empty values and other keys explain nothing.
    expect(userExplanation(TEAM, ['ci-bot'], [{ Key: 'Owner', Value: '  ' }])).toBeNull();
    expect(userExplanation(TEAM, ['ci-bot'], [{ Key: 'Team', Value: 'platform' }])).toBeNull();
  });
});

describe('why a role is explained', () => {
  const role = (
    name: string,
    extra: { path?: string; serviceLinked?: boolean; tags?: { Key: string; Value: string }[] } = {},
  ) => ({
    name,
    serviceLinked: false,
    ...extra,
  });

  it('Identity Center’s permission-set roles, service-linked roles, and roles only AWS services assume', () => {
    expect(
      roleExplanation(
        TEAM,
        role('AWSReservedSSO_AdministratorAccess_0123456789abcdef', {
          path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
        }),
        reading({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` }),
      ),
    ).toBe('Identity Center permission set AdministratorAccess');
    // The same name outside Identity Center's path is not Identity Center's.
    expect(
      roleExplanation(TEAM, role('AWSReservedSSO_Admin_0123456789abcdef'), reading({ AWS: '444455556666' })),
    ).toBeNull();
    expect(roleExplanation(TEAM, role('AWSServiceRoleForSupport', { serviceLinked: true }), undefined)).toBe(
      'service-linked role (AWS creates and manages it)',
    );
    expect(roleExplanation(TEAM, role('lambda-exec'), reading({ Service: 'lambda.amazonaws.com' }))).toBe(
      'trusted by AWS service lambda.amazonaws.com',
    );
  });

  it('an owner tag; otherwise a role assumable by people or other accounts is not explained', () => {
    expect(
      roleExplanation(
        TEAM,
        role('deploy', { tags: [{ Key: 'Owner', Value: 'dana@acme.example' }] }),
        reading({ AWS: '444455556666' }),
      ),
    ).toBe('owner tag: dana@acme.example');
    expect(roleExplanation(TEAM, role('deploy'), reading({ AWS: '444455556666' }))).toBeNull();
    expect(roleExplanation(TEAM, role('mixed'), reading({ Service: 'ec2.amazonaws.com', AWS: ACCOUNT }))).toBeNull();
    expect(roleExplanation(TEAM, role('open'), reading('*'))).toBeNull();
  });
});

describe('the population says why each identity is explained, and flags roles nothing explains', () => {
  const rows = buildPopulation({
    iam: [
      {
        accountId: ACCOUNT,
        awsManagedPolicyDocuments: {},
        authorizationDetails: {
          UserDetailList: [
            { UserName: 'dana', Arn: `arn:aws:iam::${ACCOUNT}:user/dana` },
            {
              UserName: 'ci-bot',
              Arn: `arn:aws:iam::${ACCOUNT}:user/ci-bot`,
              Tags: [{ Key: 'owner', Value: 'dana@acme.example' }],
            },
            { UserName: 'mystery', Arn: `arn:aws:iam::${ACCOUNT}:user/mystery` },
          ],
          GroupDetailList: [],
          RoleDetailList: [
            {
              RoleName: 'partner-audit',
              Arn: `arn:aws:iam::${ACCOUNT}:role/partner-audit`,
              AssumeRolePolicyDocument: trustOf({ AWS: '444455556666' }),
              CreateDate: '2026-11-20T00:00:00Z',
            },
            {
              RoleName: 'lambda-exec',
              Arn: `arn:aws:iam::${ACCOUNT}:role/lambda-exec`,
              AssumeRolePolicyDocument: trustOf({ Service: 'lambda.amazonaws.com' }),
              // Never used, created long before the limit: unused.
              CreateDate: '2025-01-10T00:00:00Z',
            },
          ],
          Policies: [],
        },
      },
    ],
    team: TEAM,
    unusedDays: 90,
    now: NOW,
  });
  const row = (name: string) => rows.find((r) => r.name === name)!;

  it('names the teammate or the owner tag, and flags what nobody explains', () => {
    expect(row('dana')).toMatchObject({ explainedBy: 'teammate Dana Founder' });
    expect(row('dana').flags).not.toContain('unexplained');
    expect(row('ci-bot')).toMatchObject({ explainedBy: 'owner tag: dana@acme.example' });
    expect(row('ci-bot').flags).not.toContain('unexplained');
    expect(row('mystery').explainedBy).toBeUndefined();
    expect(row('mystery').flags).toContain('unexplained');
    expect(row('partner-audit').flags).toContain('unexplained');
    expect(row('lambda-exec')).toMatchObject({ explainedBy: 'trusted by AWS service lambda.amazonaws.com' });
    expect(row('lambda-exec').flags).not.toContain('unexplained');
  });

  it('a role never used is unused once its creation date is older than the limit, and not before', () => {
    expect(row('lambda-exec').flags).toContain('unused');
    expect(row('lambda-exec').reasons).toContain('Never used since it was created on 2025-01-10 (limit 90 days).');
    expect(row('partner-audit').flags).not.toContain('unused');
  });
});

describe('an IAM user’s access keys', () => {
  const key = (slot: 1 | 2, active: boolean, lastRotated: Date | 'N/A', lastUsed: Date | 'N/A' | 'no_information') => ({
    slot,
    active,
    lastRotated,
    lastUsed,
    lastUsedRegion: 'N/A',
    lastUsedService: 'N/A',
  });
  const rows = buildPopulation({
    iam: [
      {
        accountId: ACCOUNT,
        awsManagedPolicyDocuments: {},
        authorizationDetails: {
          UserDetailList: [
            { UserName: 'ci', Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, GroupList: ['Deployers'] },
            { UserName: 'dana', Arn: `arn:aws:iam::${ACCOUNT}:user/dana` },
          ],
          GroupDetailList: [],
          RoleDetailList: [],
          Policies: [],
        },
        credentialReport: [
          {
            user: 'ci',
            arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
            isRoot: false,
            createdAt: new Date('2024-01-01T00:00:00Z'),
            passwordEnabled: false,
            passwordLastUsed: 'N/A',
            passwordLastChanged: 'N/A',
            mfaActive: false,
            accessKeys: [
              key(1, true, new Date('2026-06-01T00:00:00Z'), new Date('2026-11-30T00:00:00Z')),
              key(2, true, new Date('2025-01-10T00:00:00Z'), 'no_information'),
            ],
          },
          {
            user: 'dana',
            arn: `arn:aws:iam::${ACCOUNT}:user/dana`,
            isRoot: false,
            createdAt: new Date('2024-01-01T00:00:00Z'),
            passwordEnabled: true,
            passwordLastUsed: new Date('2026-11-30T00:00:00Z'),
            passwordLastChanged: 'N/A',
            mfaActive: true,
            accessKeys: [key(1, false, new Date('2025-01-10T00:00:00Z'), 'N/A'), key(2, false, 'N/A', 'N/A')],
          },
        ],
      },
    ],
    team: TEAM,
    unusedDays: 90,
    now: NOW,
  });
  const ci = rows.find((r) => r.name === 'ci')!;

  it('the row says how many are active, the oldest one’s creation and last use; inactive keys do not count', () => {
    expect(ci.accessKeys).toEqual({ active: 2, oldestCreated: '2025-01-10T00:00:00.000Z', oldestLastUsed: null });
    expect(accessKeyWords(ci.accessKeys, NOW)).toBe(
      '2 active; the oldest created 2025-01-10 (690 days ago), never used',
    );
    const dana = rows.find((r) => r.name === 'dana')!;
    expect(dana.accessKeys).toEqual({ active: 0, oldestCreated: null, oldestLastUsed: null });
    expect(accessKeyWords(dana.accessKeys, NOW)).toBe('none active');
  });

  it('the decisions CSV has columns for groups, policies, trust, what explains it and the keys', () => {
    const review = {
      id: 'ar-2026-12-01-abc',
      startedAt: NOW.toISOString(),
      startedBy: TEAM[0]!,
      accountIds: [ACCOUNT],
      notes: [],
      collectedAt: NOW.toISOString(),
      rows,
      reviewers: {},
      defaultReviewerIds: [],
      decisions: {},
      signed: null,
      evidenceIds: [],
      followUps: {},
    };
    const table = parse(decisionsCsv(review, []), { bom: true }) as string[][];
    const header = table[0]!;
    const line = Object.fromEntries(header.map((h, i) => [h, table.find((l) => l[2] === 'ci')![i]]));
    expect(line).toMatchObject({
      groups: 'Deployers',
      active_access_keys: '2',
      oldest_key_created: '2025-01-10T00:00:00.000Z',
      oldest_key_last_used: '',
    });
    expect(header).toEqual(expect.arrayContaining(['policies', 'trust', 'explained_by']));
  });
});
