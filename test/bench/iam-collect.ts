/**
 * All IAM checks against a large account on the local AWS endpoint with 30 ms added to every
 * call: 2,000 users, 5,000 roles, 400 groups, 1,000 customer policies. Prints the total time,
 * the calls per operation and the evidence written. Target: under 10 s and under 100 calls.
 * Run: `npx tsx test/bench/iam-collect.ts [--throttle 0.33]` (the option throttles that share of calls).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { basicScenario, startAwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { largeIamAccount } from '../../main/sandbox/aws-endpoint/scenarios/iam-builder';
import { JsonFilePreferences } from '../../main/services/preferences/json-file-preferences';
import { testServices } from '../unit/helpers/services';

const ACCOUNT = '123456789012';
const SIZE = { users: 2_000, roles: 5_000, groups: 400, policies: 1_000 };
const LATENCY_MS = 30;
const THROTTLE = Number(parseArgs({ options: { throttle: { type: 'string', default: '0' } } }).values.throttle);

async function main() {
  const built = performance.now();
  const scenario = {
    ...basicScenario,
    name: 'iam-large',
    iam: { accounts: { [ACCOUNT]: largeIamAccount(ACCOUNT, new Date(), SIZE) } },
  };
  const endpoint = await startAwsEndpoint({
    scenario,
    faults: { latencyMs: LATENCY_MS, throttleRate: THROTTLE, seed: 1 },
  });
  console.log(
    `Scenario built in ${Math.round(performance.now() - built)} ms: ${SIZE.users} users, ${SIZE.roles} roles, ${SIZE.groups} groups, ${SIZE.policies} customer policies; ${LATENCY_MS} ms per call${THROTTLE ? `; ${Math.round(THROTTLE * 100)} % of calls throttled` : ''}`,
  );

  // Static keys of the scenario's IAM user, as a person would have in ~/.aws/credentials.
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

  const finishedAt = new Map<string, number>();
  const { services } = testServices({
    adapters: {
      preferences: new JsonFilePreferences(join(mkdtempSync(join(tmpdir(), 'aw-bench-prefs-')), 'preferences.json')),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: (event, payload) => {
        if (event === 'checks.progress' && 'result' in payload && payload.result)
          finishedAt.set(payload.checkId, performance.now());
      },
    },
  });
  const folder = join(mkdtempSync(join(tmpdir(), 'aw-bench-')), 'ws');
  const me = { name: 'Bench', email: 'bench@example.com' };
  await services.workspaces.create({
    folder,
    companyName: 'Bench Co',
    systemName: 'Bench',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me,
  });

  const start = performance.now();
  const run = await services.checks.run({ profile: 'keys', person: me });
  const seconds = (performance.now() - start) / 1000;

  const records = await services.workspaces.require().evidence.list();
  const bytes = [...new Map(records.map((r) => [r.sha256, r.size])).values()].reduce((a, b) => a + b, 0);
  console.log(`\nRun ${run.status} in ${seconds.toFixed(2)} s (target < 10 s)`);
  console.log(
    `API calls: ${endpoint.totalCalls()} (target < 100)${THROTTLE ? `, of which ${endpoint.throttled()} throttled and retried` : ''}`,
  );
  for (const [op, n] of [...endpoint.calls].sort()) console.log(`  ${op.padEnd(40)} ${n}`);
  console.log(`\nEvidence: ${records.length} records, ${(bytes / 1e6).toFixed(1)} MB of distinct files`);
  for (const c of run.checks) {
    const at = finishedAt.get(c.checkId);
    console.log(
      `  ${c.checkId.padEnd(26)} ${c.result.padEnd(13)} ${String(c.entities.length).padStart(5)} entities  done at ${at ? ((at - start) / 1000).toFixed(2) : '-'} s`,
    );
  }
  await services.workspaces.close();
  await endpoint.close();
}

// An error is an unhandled rejection: Node prints it and exits with code 1.
void main();
