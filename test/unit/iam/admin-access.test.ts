import { describe, expect, it } from 'vitest';
import { CheckSettings } from '../../../shared/domain/workspace';
import { evaluateCheck } from '../../../shared/checks/evaluate';
import { checkById } from '../../../shared/checks/registry';
import {
  attachedAwsManagedPolicies,
  resolveAdminPrincipals,
  type AuthorizationDetails,
} from '../../../shared/rules/iam';

const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const LOCAL = 'arn:aws:iam::123456789012:policy/Everything';

function details(): AuthorizationDetails {
  return {
    UserDetailList: [
      { UserName: 'alice', Arn: 'arn:aws:iam::123456789012:user/alice', GroupList: ['Admins'] },
      {
        UserName: 'carol',
        Arn: 'arn:aws:iam::123456789012:user/carol',
        UserPolicyList: [
          { PolicyName: 'all', PolicyDocument: enc({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }) },
        ],
      },
      {
        UserName: 'dave',
        Arn: 'arn:aws:iam::123456789012:user/dave',
        AttachedManagedPolicies: [{ PolicyName: 'Everything', PolicyArn: LOCAL }],
        PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/Boundary' },
      },
      { UserName: 'erin', Arn: 'arn:aws:iam::123456789012:user/erin', GroupList: ['Readers'] },
    ],
    GroupDetailList: [
      { GroupName: 'Admins', AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }] },
      {
        GroupName: 'Readers',
        GroupPolicyList: [
          {
            PolicyName: 'iam',
            PolicyDocument: enc({ Statement: [{ Effect: 'Allow', Action: ['iam:*'], Resource: '*' }] }),
          },
        ],
      },
    ],
    RoleDetailList: [
      {
        RoleName: 'power',
        Arn: 'arn:aws:iam::123456789012:role/power',
        AttachedManagedPolicies: [{ PolicyArn: POWER }],
        AssumeRolePolicyDocument: enc({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:root', Service: ['ec2.amazonaws.com'] },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      },
      {
        RoleName: 'app',
        Arn: 'arn:aws:iam::123456789012:role/app',
        RolePolicyList: [
          {
            PolicyName: 'cond',
            PolicyDocument: enc({
              Statement: {
                Effect: 'Allow',
                Action: '*',
                Resource: '*',
                Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
              },
            }),
          },
        ],
      },
      {
        RoleName: 'reader',
        Arn: 'arn:aws:iam::123456789012:role/reader',
        AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      },
    ],
    Policies: [
      {
        Arn: LOCAL,
        PolicyVersionList: [
          {
            VersionId: 'v1',
            IsDefaultVersion: false,
            Document: enc({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }),
          },
          {
            VersionId: 'v2',
            IsDefaultVersion: true,
            Document: enc({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
          },
        ],
      },
    ],
  };
}

const awsDocs = {
  [POWER]: enc({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] }),
  'arn:aws:iam::aws:policy/ReadOnlyAccess': enc({
    Statement: [{ Effect: 'Allow', Action: ['s3:Get*'], Resource: '*' }],
  }),
};

describe('resolveAdminPrincipals', () => {
  it('finds admins through groups, inline, customer-managed (default version only) and AWS-managed policies', () => {
    const r = resolveAdminPrincipals(details(), awsDocs);
    expect(r.admins.map((a) => a.name)).toEqual(['alice', 'carol', 'dave', 'Admins', 'app']);
    expect(r.admins.find((a) => a.type === 'group')?.members).toEqual(['alice']);
    const byName = Object.fromEntries(r.admins.map((a) => [a.name, a]));
    expect(byName.alice?.paths[0]?.via).toBe(`group Admins: managed policy ${ADMIN}`);
    expect(byName.dave?.permissionsBoundary).toMatch(/Boundary/);
    expect(byName.app?.paths[0]?.grants[0]?.conditional).toBe(true);
    expect(r.serviceWildcards).toEqual([{ arn: 'arn:aws:iam::123456789012:user/erin', actions: ['iam:*'] }]);
    expect(r.unreadablePolicies).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('lists PowerUserAccess (NotAction on *) holders as broad, apart from the admins', () => {
    const r = resolveAdminPrincipals(details(), awsDocs);
    expect(r.broad.map((a) => a.name)).toEqual(['power']);
    expect(r.broad[0]?.assumableBy).toEqual(['AWS arn:aws:iam::444455556666:root', 'Service ec2.amazonaws.com']);
    expect(r.broad[0]?.paths).toEqual([
      {
        via: `managed policy ${POWER}`,
        grants: [{ grant: 'Allow every action except ["iam:*","organizations:*"] on *', conditional: false }],
      },
    ]);
  });

  it('recognises AdministratorAccess without its document and lists the other unreadable policies with who holds them', () => {
    const r = resolveAdminPrincipals(details(), {});
    expect(r.admins.map((a) => a.name)).toContain('alice');
    expect(r.broad).toEqual([]);
    expect(r.unknown.map((a) => a.name)).toEqual(['power', 'reader']);
    expect(r.unknown[0]?.paths).toEqual([{ via: `managed policy ${POWER}`, grants: [] }]);
    expect(r.unreadablePolicies).toEqual([
      { arn: POWER, heldBy: ['arn:aws:iam::123456789012:role/power'] },
      { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', heldBy: ['arn:aws:iam::123456789012:role/reader'] },
    ]);
  });

  it('lists only the AWS-managed policies that are attached', () => {
    expect(attachedAwsManagedPolicies(details())).toEqual([ADMIN, POWER, 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });
});

describe('admin-access and users-direct-policies checks', () => {
  const input = (d: AuthorizationDetails, docs: Record<string, string> = awsDocs) => ({
    snapshot: { accountId: '123456789012', partition: 'aws', authorizationDetails: d, awsManagedPolicyDocuments: docs },
    settings: CheckSettings.parse({}),
    now: new Date('2026-11-26T00:00:00Z'),
  });

  it('admin-access needs review with the list, and passes only when nobody has full access', () => {
    const f = evaluateCheck(checkById('iam.admin-access')!, input(details()));
    expect(f.result).toBe('needs_review');
    expect(f.summary).toBe(
      '3 users, 1 group and 1 role have full administrative access; 1 role has broad access (nearly every action or resource, not full admin). Confirm each one still needs it.',
    );
    expect(f.entities.map((e) => [e.name, e.facts?.access])).toEqual([
      ['alice', 'full'],
      ['carol', 'full'],
      ['dave', 'full'],
      ['Admins', 'full'],
      ['app', 'full'],
      ['power', 'broad'],
    ]);
    expect(f.entities.find((e) => e.name === 'power')?.detail).toBe(
      `Role with broad access (not full admin) via managed policy ${POWER} (Allow every action except ["iam:*","organizations:*"] on *).`,
    );
    expect(f.entities.find((e) => e.name === 'Admins')?.detail).toMatch(
      /^Group with full access via managed policy .*AdministratorAccess; members: alice\.$/,
    );
    expect(f.entities.every((e) => e.result === 'needs_review')).toBe(true);
    expect(f.entities.find((e) => e.name === 'app')?.detail).toMatch(/only under conditions/);
    expect(f.notes.join('\n')).toMatch(/user\/erin has service-wide wildcards .*iam:\*/);
    const none = evaluateCheck(
      checkById('iam.admin-access')!,
      input({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }),
    );
    expect(none).toMatchObject({ result: 'pass', entities: [] });
  });

  it('admin-access with policies it could not read needs review, naming them and who holds them, even when nobody else is an admin', () => {
    const d: AuthorizationDetails = {
      ...details(),
      UserDetailList: [details().UserDetailList[3]!],
      GroupDetailList: [details().GroupDetailList[1]!],
      RoleDetailList: [details().RoleDetailList[2]!],
    };
    expect(evaluateCheck(checkById('iam.admin-access')!, input(d)).result).toBe('pass');
    // GetPolicy or GetPolicyVersion denied: no AWS-managed documents at all.
    const f = evaluateCheck(
      checkById('iam.admin-access')!,
      { ...input(d), snapshot: { ...input(d).snapshot, awsManagedPolicyDocuments: undefined } },
      {
        awsManagedPolicyDocuments: {
          code: 'ACCESS_DENIED',
          message: 'The profile may not call iam:GetPolicy.',
          missingAction: 'iam:GetPolicy',
        },
      },
    );
    expect(f.result).toBe('needs_review');
    expect(f.summary).toBe(
      '1 role holds policies that could not be read, so whether they have full access is unknown. Find out what the unread policies grant (iam:GetPolicy and iam:GetPolicyVersion read them) and run the check again.',
    );
    expect(f.entities).toEqual([
      expect.objectContaining({
        arn: 'arn:aws:iam::123456789012:role/reader',
        result: 'needs_review',
        detail:
          'Role whose access is unknown, as these could not be read: managed policy arn:aws:iam::aws:policy/ReadOnlyAccess.',
        facts: expect.objectContaining({ access: 'unknown' }),
      }),
    ]);
    expect(f.notes).toEqual([
      'Not corroborated by the AWS-managed policy documents: The profile may not call iam:GetPolicy.',
      'The document of arn:aws:iam::aws:policy/ReadOnlyAccess could not be read, so whether it grants full access is unknown; held by arn:aws:iam::123456789012:role/reader.',
      'arn:aws:iam::123456789012:user/erin has service-wide wildcards on every resource (iam:*): not full admin, but often a path to it.',
    ]);
  });

  it('admin-access lists admins first, then broad grants, then unknowns, and caps the holders a note names', () => {
    const roles = Array.from({ length: 7 }, (_, i) => ({
      RoleName: `r${i}`,
      Arn: `arn:aws:iam::123456789012:role/r${i}`,
      AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/Gone' }],
    }));
    const d = details();
    d.RoleDetailList.push(...roles);
    const f = evaluateCheck(checkById('iam.admin-access')!, input(d));
    expect(f.summary).toMatch(
      /; 1 role has broad access .*; 7 roles hold policies that could not be read, .*\. Confirm each one still needs it\. Find out what the unread policies grant/,
    );
    expect(f.entities.map((e) => e.facts?.access)).toEqual([
      ...Array(5).fill('full'),
      'broad',
      ...Array(7).fill('unknown'),
    ]);
    expect(f.notes).toContain(
      'The document of arn:aws:iam::aws:policy/Gone could not be read, so whether it grants full access is unknown; held by arn:aws:iam::123456789012:role/r0, arn:aws:iam::123456789012:role/r1, arn:aws:iam::123456789012:role/r2, arn:aws:iam::123456789012:role/r3, arn:aws:iam::123456789012:role/r4 and 2 more.',
    );
  });

  it('users-direct-policies fails for users with inline or attached policies of their own', () => {
    const f = evaluateCheck(checkById('iam.users-direct-policies')!, input(details()));
    expect(f.result).toBe('fail');
    expect(f.entities.map((e) => e.name)).toEqual(['carol', 'dave']);
    const clean = details();
    clean.UserDetailList = clean.UserDetailList.filter((u) => u.UserName === 'alice');
    expect(evaluateCheck(checkById('iam.users-direct-policies')!, input(clean)).result).toBe('pass');
    clean.UserDetailList = [];
    expect(evaluateCheck(checkById('iam.users-direct-policies')!, input(clean)).result).toBe('not_applicable');
  });

  it('a malformed policy document makes the check an error instead of a wrong answer', () => {
    const d = details();
    d.UserDetailList[1]!.UserPolicyList![0]!.PolicyDocument = '%7Bnot json';
    const f = evaluateCheck(checkById('iam.admin-access')!, input(d));
    expect(f.result).toBe('error');
    expect(f.error?.message).toMatch(/JSON/);
  });
});
