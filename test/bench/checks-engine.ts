/**
 * Every check (IAM and the services beyond it) on benchmark-size accounts on the local AWS
 * endpoint, 30 ms added to every call: per account 17 regions, 300 buckets, 2,000 security
 * groups, 200 VPCs and 50 KMS keys. Prints the wall time, the calls per operation, the total, the
 * calls in flight the run achieved, the CPU time of the run and of the endpoint, and how many
 * calls a per-resource loop (one Describe call per security group, VPC, key and bucket setting)
 * would need. Targets: 1 account under 30 s, 10 accounts under 90 s.
 * Run: `npx tsx test/bench/checks-engine.ts [--accounts 1|10] [--concurrency N] [--endpoint-in-process]`
 * (default: both sizes one after the other, with the app's default concurrency, the endpoint in
 * a child process of its own so that its work is not counted as the run's, as AWS's is not).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { hostNameUrl, sandboxLookup } from '../../main/sandbox/aws-endpoint/sandbox-http';
import {
  ALL_KINDS_CONFIG,
  ALL_KINDS_CREDENTIALS,
  START_URL,
} from '../../main/sandbox/aws-endpoint/scenarios/basic-profiles';
import { CHECK_IDS } from '../../shared/checks/registry';
import { DEFAULT_CHECK_CONCURRENCY } from '../../main/services/collectors/checks-service';
import { JsonFilePreferences } from '../../main/services/preferences/json-file-preferences';
import { testServices } from '../unit/helpers/services';
import { inChild, inProcess } from './checks-engine/endpoint';
import { ACCOUNT_IDS, LATENCY_MS, SIZE } from './checks-engine/scenario';

const TARGET_S: Record<number, number> = { 1: 30, 10: 90 };
const { values } = parseArgs({
  options: {
    accounts: { type: 'string' },
    concurrency: { type: 'string' },
    'endpoint-in-process': { type: 'boolean' },
  },
});
/** The run's concurrency limit; the app's default when not given. */
const CONCURRENCY = values.concurrency ? Number(values.concurrency) : undefined;
const SAME_PROCESS = values['endpoint-in-process'] === true;

/** What a loop over each resource would call: one read per resource instead of one page per region. */
function perResourceCalls(accounts: number): number {
  const perAccount =
    SIZE.securityGroups + // DescribeSecurityGroups per group id
    SIZE.vpcs * 2 + // DescribeVpcs and DescribeFlowLogs per VPC
    SIZE.kmsKeys * 2 + // DescribeKey and GetKeyRotationStatus per key (as the batched run does too)
    SIZE.buckets * 4 + // encryption, policy, policy status, public access block per bucket
    SIZE.regions * 10; // the per-region service settings and listings (GuardDuty, Config, EBS, Inspector, ECR, Lambda, ...)
  return perAccount * accounts;
}

async function benchmark(count: number) {
  const accountIds = ACCOUNT_IDS.slice(0, count);
  const built = performance.now();
  const endpoint = await (SAME_PROCESS ? inProcess : inChild)(accountIds);
  console.log(
    `\n=== ${count} account${count === 1 ? '' : 's'}: scenario built in ${Math.round(performance.now() - built)} ms; per account ${SIZE.regions} regions, ${SIZE.buckets} buckets, ${SIZE.securityGroups} security groups, ${SIZE.vpcs} VPCs, ${SIZE.kmsKeys} KMS keys; ${LATENCY_MS} ms per call`,
  );
  const home = mkdtempSync(join(tmpdir(), 'aw-bench-home-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), ALL_KINDS_CONFIG);
  writeFileSync(join(home, '.aws', 'credentials'), ALL_KINDS_CREDENTIALS);
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN',
      expiresAt: '2099-01-01T00:00:00Z',
    }),
  );
  Object.assign(process.env, {
    HOME: home,
    AWS_ENDPOINT_URL: hostNameUrl(endpoint.url),
    AWS_CONFIG_FILE: '',
    AWS_SHARED_CREDENTIALS_FILE: '',
    AWS_PROFILE: '',
  });
  const { services } = testServices({
    adapters: {
      preferences: new JsonFilePreferences(join(mkdtempSync(join(tmpdir(), 'aw-bench-prefs-')), 'preferences.json')),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: () => {},
    },
    aws: { clientSettings: { lookup: sandboxLookup } },
    checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 }, ...(CONCURRENCY ? { concurrency: CONCURRENCY } : {}) },
  });
  const me = { name: 'Bench', email: 'bench@example.com' };
  await services.workspaces.create({
    folder: join(mkdtempSync(join(tmpdir(), 'aw-bench-')), 'ws'),
    companyName: 'Bench Co',
    systemName: 'Bench',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me,
  });
  await services.awsWorkspace.setProfile('audit');
  await services.awsWorkspace.selectAccounts(accountIds, 'audit');
  await endpoint.resetCalls();

  const cpu = process.cpuUsage();
  const start = performance.now();
  const run = await services.checks.run({ checkIds: [...CHECK_IDS], person: me });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const stats = await endpoint.stats();
  const results = new Map<string, number>();
  for (const c of run.checks) results.set(c.result, (results.get(c.result) ?? 0) + 1);
  console.log(
    `Run ${run.status} in ${seconds.toFixed(2)} s with concurrency ${CONCURRENCY ?? DEFAULT_CHECK_CONCURRENCY} (target < ${TARGET_S[count] ?? '-'} s): ${CHECK_IDS.length} checks × ${count} account(s); results ${[...results].map(([k, n]) => `${n} ${k}`).join(', ')}`,
  );
  const unreachable = run.accounts.filter((a) => a.error);
  if (unreachable.length)
    console.log(`Unreachable accounts: ${unreachable.map((a) => `${a.id} ${a.error!.code}`).join(', ')}`);
  const errors = run.checks.filter((c) => c.result === 'error');
  for (const e of errors.slice(0, 5)) console.log(`  error ${e.accountId} ${e.checkId}: ${e.summary}`);
  const total = stats.total;
  const runCpu = (used.user + used.system) / 1e6;
  console.log(
    `Calls in flight: mean ${stats.inFlight.mean.toFixed(1)}, at most ${stats.inFlight.max}; ${stats.inFlight.connections} connections opened; the ${LATENCY_MS} ms per call alone needs ${((total * LATENCY_MS) / 1000 / (CONCURRENCY ?? DEFAULT_CHECK_CONCURRENCY)).toFixed(1)} s at that concurrency`,
  );
  console.log(
    `CPU time: the run ${runCpu.toFixed(1)} s (${((runCpu / total) * 1000).toFixed(2)} ms per call), the endpoint ${stats.cpuSeconds.toFixed(1)} s${SAME_PROCESS ? ' (the same process: both figures are the one process)' : ' (its own process)'}`,
  );
  console.log(
    `API calls: ${total}; a per-resource loop would need about ${perResourceCalls(count)} for the regional resources alone`,
  );
  for (const [op, n] of [...stats.calls].sort()) console.log(`  ${op.padEnd(48)} ${n}`);
  await services.workspaces.close();
  await endpoint.close();
  return { seconds, total };
}

async function main() {
  const counts = values.accounts ? [Number(values.accounts)] : [1, 10];
  const summary: string[] = [];
  for (const n of counts) {
    const { seconds, total } = await benchmark(n);
    summary.push(`${n} account(s): ${seconds.toFixed(1)} s, ${total} calls (target < ${TARGET_S[n] ?? '-'} s)`);
  }
  console.log(`\nSummary\n  ${summary.join('\n  ')}`);
}

// An error is an unhandled rejection: Node prints it and exits with code 1.
void main();
