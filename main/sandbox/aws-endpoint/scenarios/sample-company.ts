import type { Scenario } from '../scenario';
import { awsManagedArn, type IamAccountModel } from './iam-account';
import { daysAgo, healthyIamAccount, iamId } from './iam-builder';
import { sampleCompanyResources } from './sample-company-resources';

/**
 * The sample company: a small startup with a production and a staging account, used in three
 * regions, people in an IAM Identity Center directory, and IAM users, roles and groups. Some
 * findings fail, some pass, some need review, so every screen has something to show. Only AWS's
 * documented example ids. Services the checks read later add their data here (one field per
 * service, dated relative to `now` like the IAM contents).
 */
export const SAMPLE_PRODUCTION = '111122223333';
export const SAMPLE_STAGING = '444455556666';
export const SAMPLE_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export const SAMPLE_START_URL = 'https://d-9067example.awsapps.com/start';
export const SAMPLE_SSO_REGION = 'us-east-1';
/** The person the sample signs in as, and the permission set the workspace reads with. */
export const SAMPLE_SIGN_IN_USER = 'dana@example.com';
export const SAMPLE_ROLE = 'AuditRole';

/** The people of the sample company's Identity Center directory (the team the workspace gets too). */
export const SAMPLE_PEOPLE = [
  { name: 'Dana Founder', email: 'dana@example.com', role: 'CEO' },
  { name: 'Ivan Infra', email: 'ivan@example.com', role: 'Infrastructure' },
  { name: 'Hana People', email: 'hana@example.com', role: 'HR' },
  { name: 'Eli Engineering', email: 'eli@example.com', role: 'Engineering lead' },
] as const;

/** Production: the root user and password policy pass; a few people and keys fail; admins need review. */
function productionIam(now: Date): IamAccountModel {
  const base = healthyIamAccount(SAMPLE_PRODUCTION, now);
  return {
    ...base,
    users: [
      ...base.users,
      {
        name: 'ivan',
        id: iamId('AIDA', 2, 'IVAN'),
        createdAt: daysAgo(now, 250),
        password: { changedAt: daysAgo(now, 100), lastUsed: daysAgo(now, 3) },
        groups: ['Engineers'],
      },
      {
        name: 'legacy-ci',
        id: iamId('AIDA', 3, 'LEGACYCI'),
        createdAt: daysAgo(now, 700),
        accessKeys: [
          {
            id: 'AKIAJLEGACYCIEXAMPLE',
            active: true,
            createdAt: daysAgo(now, 400),
            lastUsed: { at: daysAgo(now, 1), region: 'us-west-2', service: 's3' },
          },
        ],
        inlinePolicies: [
          {
            name: 'deploy-artifacts',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::example-artifacts/*' }],
            },
          },
        ],
      },
      {
        name: 'former-contractor',
        id: iamId('AIDA', 4, 'CONTRACT'),
        createdAt: daysAgo(now, 500),
        password: { changedAt: daysAgo(now, 480), lastUsed: daysAgo(now, 200) },
        mfa: 'virtual',
        groups: ['Engineers'],
      },
    ],
    groups: [
      ...base.groups,
      {
        name: 'Operators',
        id: iamId('AGPA', 2, 'OPS'),
        createdAt: daysAgo(now, 300),
        attachedPolicies: [awsManagedArn('PowerUserAccess')],
      },
    ],
  };
}

/** Staging: healthy, apart from the Identity Center administrator role every account has (review). */
const stagingIam = (now: Date): IamAccountModel => healthyIamAccount(SAMPLE_STAGING, now);

const ssoCredentials = (accountId: string, tag: string) => ({
  accessKeyId: accountId === SAMPLE_PRODUCTION ? 'ASIAIOSFODNN7EXAMPLE' : 'ASIAI44QH8DHBEXAMPLE',
  secretAccessKey: `wJalrXUtnFEMI/K7MDENG/bPxRfiCYSAMPLE${tag}KEY`,
  sessionToken: `FwoGZXIvYXdzEXAMPLESAMPLESESSIONTOKEN${tag}`,
});

export function sampleCompanyScenario(now: Date = new Date()): Scenario {
  return {
    name: 'sample-company',
    description: `The sample company: production and staging accounts in ${SAMPLE_REGIONS.join(', ')}, an Identity Center directory of ${SAMPLE_PEOPLE.length} people`,
    accounts: [
      { id: SAMPLE_PRODUCTION, name: 'Production', email: 'aws-prod@example.com', alias: 'example-prod' },
      { id: SAMPLE_STAGING, name: 'Staging', email: 'aws-staging@example.com', alias: 'example-staging' },
    ],
    sso: {
      startUrl: SAMPLE_START_URL,
      region: SAMPLE_SSO_REGION,
      users: SAMPLE_PEOPLE.map((person) => ({
        userName: person.email,
        assignments:
          person.email === SAMPLE_SIGN_IN_USER
            ? [
                {
                  accountId: SAMPLE_PRODUCTION,
                  roleName: SAMPLE_ROLE,
                  credentials: ssoCredentials(SAMPLE_PRODUCTION, 'PROD'),
                },
                {
                  accountId: SAMPLE_STAGING,
                  roleName: SAMPLE_ROLE,
                  credentials: ssoCredentials(SAMPLE_STAGING, 'STAGING'),
                },
              ]
            : [],
      })),
      accessTokenTtlSeconds: 8 * 3600,
      deviceCodeTtlSeconds: 600,
      pollIntervalSeconds: 1,
    },
    staticKeys: [],
    roles: [],
    iam: { accounts: { [SAMPLE_PRODUCTION]: productionIam(now), [SAMPLE_STAGING]: stagingIam(now) } },
    resources: sampleCompanyResources({ production: SAMPLE_PRODUCTION, staging: SAMPLE_STAGING }, now),
  };
}
