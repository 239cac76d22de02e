import { describe, expect, it } from 'vitest';
import { analyzePolicy, decodePolicyDocument } from '../../../shared/rules/iam';

const encoded = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));

describe('decodePolicyDocument', () => {
  it('decodes URL-encoded documents as IAM returns them, and accepts already-decoded ones', () => {
    const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a b%c' } };
    expect(decodePolicyDocument(encoded(doc))).toEqual(doc);
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });

  it('refuses a document that is not a JSON object', () => {
    expect(() => decodePolicyDocument(encoded([1, 2]))).toThrow(/JSON object/);
  });
});

describe('analyzePolicy', () => {
  it('finds Allow * on * in a single statement with string action and resource', () => {
    expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }).adminGrants).toEqual([{ grant: 'Allow * on *', conditional: false }]);
  });

  it('finds it in statement arrays with array actions, mixed case effect and *:*', () => {
    const r = analyzePolicy({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }, { Sid: 'All', Effect: 'allow', Action: ['ec2:*', '*:*'], Resource: ['*'] }] });
    expect(r.adminGrants).toEqual([{ sid: 'All', grant: 'Allow * on *', conditional: false }]);
  });

  it('treats NotAction on every resource as (near-)full access and marks conditions', () => {
    const r = analyzePolicy({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] });
    expect(r.adminGrants).toEqual([{ grant: 'Allow every action except ["iam:*"] on *', conditional: true }]);
  });

  it('treats ARN patterns that match every resource like *', () => {
    for (const r of ['arn:aws:*:*:*:*', 'arn:*:*', 'arn:aws-us-gov:*']) {
      expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: r } }).adminGrants, r).toHaveLength(1);
    }
    for (const r of ['arn:aws:s3:::*', 'arn:aws:iam::123456789012:*', 'arn:aws']) {
      expect(analyzePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: r } }).adminGrants, r).toHaveLength(0);
    }
  });

  it('treats Action * with NotResource as full access', () => {
    expect(analyzePolicy({ Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret/*' }] }).adminGrants[0]?.grant).toMatch(/everything except/);
  });

  it('does not count Deny, scoped resources or service wildcards as full access, but notes service wildcards on *', () => {
    const r = analyzePolicy({
      Statement: [
        { Effect: 'Deny', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' },
        { Effect: 'Allow', Action: ['iam:*', 'S3:*', 's3:Get*'], Resource: '*' },
      ],
    });
    expect(r.adminGrants).toEqual([]);
    expect(r.serviceWildcards).toEqual(['iam:*', 's3:*']);
  });

  it('reads an empty document as granting nothing', () => {
    expect(analyzePolicy({ Version: '2012-10-17' })).toEqual({ adminGrants: [], serviceWildcards: [] });
  });
});
