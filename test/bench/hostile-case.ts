/**
 * One case of the hostile-input benchmark, alone in its own process so its peak memory is its
 * own: `node --import tsx test/bench/hostile-case.ts ID` prints one JSON line
 * `{ id, ms, maxRssMB, outcome }`. Started by test/bench/hostile.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProfileService } from '../../main/services/aws/profiles';
import { runCredentialProcess } from '../../main/services/aws/credential-process';
import { inspectImport } from '../../main/services/evidence/import-validation';
import { thumbnailPng } from '../../main/services/export/thumbnails';
import { verifyBundle } from '../../main/services/export/verify';
import { startAwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { ALL_KINDS_CREDENTIALS } from '../../main/sandbox/aws-endpoint/scenarios/basic-profiles';
import { createServices } from '../../main/services/create-services';
import { silentLogger } from '../../main/services/logger';
import { memoryPreferences } from '../../main/cli/headless';
import { generateCorpus } from '../fixtures/hostile/corpus';

/** The runaway-process family: commands, not files (see test/unit/hostile/credential-process.test.ts). */
export const PROCESS_CASES: Record<string, { command: string; timeoutMs?: number }> = {
  'process-never-ends-with-child': { command: 'sleep 300 & wait', timeoutMs: 2_000 },
  'process-100mb-of-output': { command: "head -c 104857600 /dev/zero | tr '\\0' a" },
  'process-truncated-json': { command: `printf '{"Version": 1, "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Secr'` },
  'process-1mb-on-stderr-then-fails': { command: 'head -c 1048576 /dev/zero | tr "\\0" e >&2; exit 3' },
};

/** `whoami` with a 100,000-profile config: the target is under 2 s for `profiles` and `whoami`. */
export const WHOAMI_CASE = 'whoami-100000-profiles';

function useAwsHome(config: string, credentials = '') {
  const home = mkdtempSync(join(tmpdir(), 'aw-bench-home-'));
  writeFileSync(join(home, 'config'), config);
  writeFileSync(join(home, 'credentials'), credentials);
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
}

async function run(id: string): Promise<string> {
  if (PROCESS_CASES[id]) {
    const { command, timeoutMs } = PROCESS_CASES[id];
    return runCredentialProcess(command, { profile: id, ...(timeoutMs ? { timeoutMs } : {}) }).then(
      () => 'accepted',
      (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
    );
  }
  const cases = generateCorpus();
  if (id === WHOAMI_CASE) {
    const big = cases.find((c) => c.id === 'config-100000-profiles')!;
    useAwsHome(`${readFileSync(big.file, 'utf8')}\n[profile keys]\nregion = us-east-1\n`, ALL_KINDS_CREDENTIALS);
    const endpoint = await startAwsEndpoint({ scenario: 'basic' });
    process.env.AWS_ENDPOINT_URL = endpoint.url;
    try {
      const services = createServices({
        appVersion: 'bench',
        logger: silentLogger,
        adapters: {
          preferences: memoryPreferences(),
          pickFolder: async () => null,
          openExternal: async () => {},
          emit: () => {},
        },
      });
      const who = await services.aws.whoami('keys', 'us-east-1');
      return `account ${who.accountId}`;
    } finally {
      await endpoint.close();
    }
  }
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  const e = c.expect;
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (error: Error) => `refused: ${error.message}`,
    );
  switch (e.via) {
    case 'import':
      return outcome(inspectImport(c.file, e.name));
    case 'verify': {
      const report = await verifyBundle(c.file);
      return report.ok ? 'accepted' : `refused: ${report.problems[0]}`;
    }
    case 'thumbnail':
      return outcome(Promise.resolve().then(() => thumbnailPng(readFileSync(c.file))));
    case 'profiles': {
      useAwsHome(readFileSync(c.file, 'utf8'));
      const list = await new ProfileService().list();
      return `${list.profiles.length} profiles`;
    }
    default:
      return `not measured here (${e.via})`;
  }
}

async function main() {
  const id = process.argv[2]!;
  if (id !== 'baseline') generateCorpus();
  const started = performance.now();
  const outcome = id === 'baseline' ? 'modules loaded' : await run(id);
  const ms = performance.now() - started;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ id, ms, maxRssMB, outcome: outcome.slice(0, 160) })}\n`);
}

if (require.main === module)
  void main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
