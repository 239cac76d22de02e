/**
 * The access review population from a large IAM Identity Center directory on the local AWS
 * endpoint with 30 ms added to every call: 5,000 users, 500 groups (one user in 300 of them),
 * 50 permission sets assigned to the groups, plus the account's IAM. Prints the total time, the
 * calls per operation and the population's size. Target: under 20 s.
 * Run: `npx tsx test/bench/access-review-population.ts`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { basicScenario, startAwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { healthyIamAccount } from '../../main/sandbox/aws-endpoint/scenarios/iam-builder';
import {
  largeIdentityCenter,
  withIdentityCenter,
} from '../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { createTestWorkspace } from '../unit/helpers/services';

const ACCOUNT = '123456789012';
const SIZE = { users: 5_000, groups: 500, maxGroupsForOne: 300 };
const LATENCY_MS = 30;

async function main() {
  const scenario = withIdentityCenter(
    {
      ...basicScenario,
      iam: {
        accounts: {
          [ACCOUNT]: { ...healthyIamAccount(ACCOUNT, new Date()), credentialReport: { existingReportAgeMinutes: 5 } },
        },
      },
    },
    largeIdentityCenter(ACCOUNT, 'us-east-1', SIZE),
  );
  const endpoint = await startAwsEndpoint({ scenario, faults: { latencyMs: LATENCY_MS } });
  const home = mkdtempSync(join(tmpdir(), 'aw-bench-home-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  );
  writeFileSync(join(home, '.aws', 'config'), '[profile keys]\nregion = us-east-1\n');
  Object.assign(process.env, {
    HOME: home,
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_CONFIG_FILE: '',
    AWS_SHARED_CREDENTIALS_FILE: '',
  });
  const { services } = await createTestWorkspace();
  try {
    const t0 = performance.now();
    const p = await services.accessReview.population({ profile: 'keys' });
    const seconds = (performance.now() - t0) / 1000;
    const busiest = p.rows.filter((r) => r.kind === 'sso_user').sort((a, b) => b.groups.length - a.groups.length)[0];
    console.log(
      `${SIZE.users} users, ${SIZE.groups} groups, ${LATENCY_MS} ms per call: population of ${p.rows.length} identities (${p.rows.filter((r) => r.flags.length).length} flagged) in ${seconds.toFixed(1)} s (target < 20 s); ${endpoint.totalCalls()} calls; the busiest user is in ${busiest?.groups.length ?? 0} groups`,
    );
    const byOp = [...endpoint.calls].sort((a, b) => b[1] - a[1]);
    for (const [op, n] of byOp) console.log(`  ${op.padEnd(58)} ${n}`);
    console.log(`Evidence: ${p.evidence.fileName}, ${(p.evidence.size / 1e6).toFixed(1)} MB`);
  } finally {
    await services.workspaces.close();
    await endpoint.close();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
