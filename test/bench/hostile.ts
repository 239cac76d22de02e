/**
 * The hostile-input corpus (test/fixtures/hostile/corpus.ts) timed case by case, each in its own
 * process so its peak resident memory is its own, plus the runaway credential_process commands
 * and `whoami` over a 100,000-profile config. Prints every case, then per family the worst time
 * and the highest peak memory (and the baseline: a process that only loads the modules).
 * The targets: no case over 500 MB; 100,000 profiles in under 2 s for `profiles` and `whoami`.
 * Run: `npx tsx test/bench/hostile.ts [filter]` (a filter keeps the case ids containing it).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { generateCorpus } from '../fixtures/hostile/corpus';
import { PROCESS_CASES, WHOAMI_CASE } from './hostile-case';

interface Measured {
  id: string;
  family: string;
  ms: number;
  maxRssMB: number;
  outcome: string;
}

const CASE_RUNNER = join(__dirname, 'hostile-case.ts');

function measure(id: string, family: string): Measured {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CASE_RUNNER, id], {
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    return {
      id,
      family,
      ms: NaN,
      maxRssMB: NaN,
      outcome: `FAILED (${child.status ?? child.signal}): ${child.stderr.slice(0, 300)}`,
    };
  return { family, ...(JSON.parse(line) as Omit<Measured, 'family'>) };
}

function main() {
  const filter = process.argv[2] ?? '';
  const cases = [
    ...generateCorpus().map((c) => ({ id: c.id, family: c.family })),
    ...Object.keys(PROCESS_CASES).map((id) => ({ id, family: 'runaway-process' })),
    { id: WHOAMI_CASE, family: 'huge-config' },
  ].filter((c) => c.id.includes(filter));
  const baseline = measure('baseline', 'baseline');
  console.log(`baseline (modules loaded, nothing read): ${baseline.maxRssMB.toFixed(0)} MB peak RSS`);
  console.log(`${cases.length} cases, each in its own process\n`);
  const results: Measured[] = [];
  for (const c of cases) {
    const r = measure(c.id, c.family);
    results.push(r);
    console.log(
      `${r.id.padEnd(52)} ${`${r.ms.toFixed(0)} ms`.padStart(9)} ${`${r.maxRssMB.toFixed(0)} MB`.padStart(8)}  ${r.outcome.slice(0, 90)}`,
    );
  }
  console.log('\nper family: cases, worst time (case), highest peak RSS (case)');
  const families = [...new Set(results.map((r) => r.family))].sort();
  for (const family of families) {
    const of = results.filter((r) => r.family === family);
    const slowest = of.reduce((a, b) => (b.ms > a.ms ? b : a));
    const largest = of.reduce((a, b) => (b.maxRssMB > a.maxRssMB ? b : a));
    console.log(
      `${family.padEnd(16)} ${String(of.length).padStart(3)}  ${`${slowest.ms.toFixed(0)} ms`.padStart(9)} (${slowest.id})  ${`${largest.maxRssMB.toFixed(0)} MB`.padStart(7)} (${largest.id})`,
    );
  }
  const failed = results.filter((r) => Number.isNaN(r.ms));
  const over = results.filter((r) => r.maxRssMB > 500);
  console.log(
    `\n${results.length} cases; ${failed.length} could not run; ${over.length} over 500 MB peak RSS${over.length ? `: ${over.map((r) => r.id).join(', ')}` : ''}`,
  );
}

main();
