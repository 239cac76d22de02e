import { describe, expect, it } from 'vitest';
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
