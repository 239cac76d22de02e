/** The benchmark's accounts: benchmark-size resources in each, all reached through the SSO portal. */
import { healthyIamAccount } from '../../../main/sandbox/aws-endpoint/scenarios/iam-builder';
import { AUDIT_ROLE, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { sizedAccount } from '../../../main/sandbox/aws-endpoint/scenarios/resources-builder';
import type { Scenario } from '../../../main/sandbox/aws-endpoint/scenario';

export const SIZE = { regions: 17, buckets: 300, securityGroups: 2_000, vpcs: 200, kmsKeys: 50 };
export const LATENCY_MS = 30;
/** AWS's documented example account ids first; the benchmark needs ten. */
export const ACCOUNT_IDS = [
  '111122223333',
  '123456789012',
  '444455556666',
  '111111111111',
  '222222222222',
  '333333333333',
  '555555555555',
  '777777777777',
  '888888888888',
  '999999999999',
];

export function benchScenario(accountIds: string[]): Scenario {
  const base = multiAccountScenario();
  const now = new Date();
  return {
    ...base,
    name: `bench-${accountIds.length}`,
    accounts: accountIds.map((id, i) => ({ id, name: `Bench ${i}`, email: `aws-bench-${i}@example.com` })),
    sso: {
      ...base.sso,
      users: [
        {
          ...base.sso!.users[0]!,
          assignments: accountIds.map((accountId, i) => ({
            accountId,
            roleName: AUDIT_ROLE,
            credentials: {
              accessKeyId: `ASIAIOSFODNN${String(i).padStart(2, '0')}EXAMPLE`.slice(0, 20),
              secretAccessKey: `wJalrXUtnFEMI/K7MDENG/bPxRfiCYBENCH${i}EXAMPLEKEY`,
              sessionToken: `FwoGZXIvYXdzEXAMPLESSOSESSIONTOKENbench${i}`,
            },
          })),
        },
      ],
    },
    iam: { accounts: Object.fromEntries(accountIds.map((id) => [id, healthyIamAccount(id, now)])) },
    resources: {
      pageCap: 1000,
      accounts: Object.fromEntries(accountIds.map((id) => [id, sizedAccount({ accountId: id, ...SIZE })])),
    },
  };
}
