import { describe, expect, it } from 'vitest';
import { analyzePolicy, decodePolicyDocument } from '../../../shared/rules/iam';

const encoded = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));

describe('decodePolicyDocument', () => {
  it('decodes URL-encoded documents as IAM returns them, and accepts already-decoded ones', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a b%c' },
    };
    expect(decodePolicyDocument(encoded(doc))).toEqual(doc);
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });

  it('refuses a document that is not a JSON object', () => {
    expect(() => decodePolicyDocument(encoded([1, 2]))).toThrow(/JSON object/);
  });
});

// AWS's PowerUserAccess (default version): everything except IAM, Organizations and Account, plus a few reads.
const POWER_USER_ACCESS = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: [
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
        'account:GetAccountInformation',
        'account:ListRegions',
      ],
      Resource: '*',
    },
  ],
};

describe('analyzePolicy', () => {
  it('finds Allow * on * in a single statement with string action and resource', () => {
    expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }).adminGrants).toEqual([
      { grant: 'Allow * on *', conditional: false },
    ]);
  });

  it('finds it in statement arrays with an action array containing * or *:*, mixed case effect and resource arrays', () => {
    const r = analyzePolicy({
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
        { Sid: 'All', Effect: 'allow', Action: ['ec2:*', '*:*'], Resource: ['*'] },
      ],
    });
    expect(r.adminGrants).toEqual([{ sid: 'All', grant: 'Allow * on *', conditional: false }]);
    const star = analyzePolicy({
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::b', '*'] }],
    });
    expect(star.adminGrants).toEqual([{ grant: 'Allow * on *', conditional: false }]);
    expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*:*', Resource: '*' } }).adminGrants).toHaveLength(1);
  });

  it('reads PowerUserAccess (NotAction on *) as a broad grant, not full admin, and marks conditions', () => {
    const power = analyzePolicy(POWER_USER_ACCESS);
    expect(power.adminGrants).toEqual([]);
    expect(power.broadGrants).toEqual([
      { grant: 'Allow every action except ["iam:*","organizations:*","account:*"] on *', conditional: false },
    ]);
    const r = analyzePolicy({
      Statement: [
        {
          Effect: 'Allow',
          NotAction: ['iam:*'],
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
    expect(r.broadGrants).toEqual([{ grant: 'Allow every action except ["iam:*"] on *', conditional: true }]);
  });

  it('treats ARN patterns that match every resource like *', () => {
    for (const r of ['arn:aws:*:*:*:*', 'arn:*:*', 'arn:aws-us-gov:*']) {
      expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: r } }).adminGrants, r).toHaveLength(
        1,
      );
    }
    for (const r of ['arn:aws:s3:::*', 'arn:aws:iam::123456789012:*', 'arn:aws']) {
      expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: r } }).adminGrants, r).toHaveLength(
        0,
      );
    }
  });

  it('reads Action * with a narrow NotResource as broad, and NotResource * as granting nothing', () => {
    const narrow = analyzePolicy({
      Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret/*' }],
    });
    expect(narrow.adminGrants).toEqual([]);
    expect(narrow.broadGrants).toEqual([
      { grant: 'Allow * on everything except ["arn:aws:s3:::secret/*"]', conditional: false },
    ]);
    for (const statement of [
      { Effect: 'Allow', Action: '*', NotResource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', NotResource: ['arn:aws:s3:::b', '*'] },
      { Effect: 'Allow', Action: 'iam:*', NotResource: '*' },
    ]) {
      expect(analyzePolicy({ Statement: statement }), JSON.stringify(statement)).toEqual({
        adminGrants: [],
        broadGrants: [],
        serviceWildcards: [],
      });
    }
  });

  it('lets a Deny of * on * in the same document override its Allows; a conditional one makes them conditional', () => {
    const allows = [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      POWER_USER_ACCESS.Statement[0]!,
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
    ];
    for (const deny of [
      { Effect: 'Deny', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: ['*:*'], Resource: ['*'] },
    ]) {
      expect(analyzePolicy({ Statement: [...allows, deny] }), JSON.stringify(deny)).toEqual({
        adminGrants: [],
        broadGrants: [],
        serviceWildcards: [],
      });
    }
    const conditional = analyzePolicy({
      Statement: [
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
        ...allows,
      ],
    });
    expect(conditional.adminGrants).toEqual([{ grant: 'Allow * on *', conditional: true }]);
    expect(conditional.broadGrants.map((g) => g.conditional)).toEqual([true]);
    // A Deny of one service, or of everything on one resource, overrides nothing else.
    for (const deny of [
      { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::b' },
      { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
    ]) {
      expect(analyzePolicy({ Statement: [allows[0]!, deny] }).adminGrants, JSON.stringify(deny)).toHaveLength(1);
    }
  });

  it('does not count Deny, scoped resources or service wildcards as full access, but notes service wildcards on *', () => {
    const r = analyzePolicy({
      Statement: [
        { Effect: 'Deny', Action: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' },
        { Effect: 'Allow', NotAction: 's3:*', Resource: 'arn:aws:s3:::bucket/*' },
        { Effect: 'Allow', Action: ['iam:*', 'S3:*', 's3:Get*'], Resource: '*' },
      ],
    });
    expect(r.adminGrants).toEqual([]);
    expect(r.broadGrants).toEqual([]);
    expect(r.serviceWildcards).toEqual(['iam:*', 's3:*']);
  });

  it('reads an empty document as granting nothing', () => {
    expect(analyzePolicy({ Version: '2012-10-17' })).toEqual({
      adminGrants: [],
      broadGrants: [],
      serviceWildcards: [],
    });
  });
});
