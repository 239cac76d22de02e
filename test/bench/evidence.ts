/**
 * Evidence costs a person waits for: burning the banner into a page, importing a large file
 * (content checks + streamed copy + hash), listing evidence with integrity (first list
 * re-hashes every file, later ones trust unchanged stat), and a guided capture end to end on
 * the stand-in console. Run: `npx tsx test/bench/evidence.ts`.
 */
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { chromium } from '@playwright/test';
import { PNG } from 'pngjs';
import { composeBanner } from '../../main/services/capture/banner';
import { composeBannerInWorker } from '../../main/services/capture/compose-in-worker';
import { startAwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { applyEnvironment } from '../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../fixtures/signed-in-aws-home';
import { playwrightCapture } from '../../main/sandbox/playwright-capture';
import { startStandInConsole } from '../../main/sandbox/stand-in-console/server';
import { CHROMIUM_ARGS, chromiumExecutable } from '../ui/harness/chromium';
import { createTestWorkspace, tempDir } from '../unit/helpers/services';

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const DETAILS = { title: 'Bench', effectiveDate: '2026-11-20', controlIds: ['logging-monitoring'] };

function page(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.writeUInt32BE((0xf2f3f3ff ^ (i & 0xff00)) >>> 0, i);
  return PNG.sync.write(png);
}

async function bigFile(path: string, header: string, line: string, bytes: number) {
  const out = createWriteStream(path);
  out.write(header);
  const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length));
  for (let written = 0; written < bytes; written += chunk.length) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function main() {
  composeBanner(page(100, 10), {
    url: 'https://x',
    capturedAt: new Date().toISOString(),
    capturedBy: { name: 'A', email: 'a@b.c' },
  });
  for (const [w, h] of [
    [1280, 2400],
    [1280, 12000],
  ] as const) {
    const png = page(w, h);
    const t0 = performance.now();
    composeBanner(png, {
      url: 'https://console.aws.amazon.com/iam/home#/users',
      capturedAt: new Date().toISOString(),
      capturedBy: { name: 'Dana', email: 'dana@acme.example' },
      aws: { accountId: '111122223333', principalArn: 'arn:aws:sts::111122223333:assumed-role/R/jane' },
    });
    console.log(`banner on a ${w}x${h} page: ${ms(t0)}`);
    // What the app does: the same work in a worker thread; the figure that matters is how long
    // the calling (Electron main) thread is kept from its event loop meanwhile.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t1 = performance.now();
    await composeBannerInWorker(png, {
      url: 'https://console.aws.amazon.com/iam/home#/users',
      capturedAt: new Date().toISOString(),
      capturedBy: { name: 'Dana', email: 'dana@acme.example' },
    });
    delay.disable();
    console.log(`  in a worker thread: ${ms(t1)}, longest main-thread stall ${(delay.max / 1e6).toFixed(0)} ms`);
  }

  const { services } = await createTestWorkspace();
  const dir = tempDir('aw-bench-import-');
  const MB = 100;
  const pdf = join(dir, 'big.pdf');
  await bigFile(pdf, '%PDF-1.4\n', '% padding line for the benchmark\n', MB * 1024 * 1024);
  let t0 = performance.now();
  await services.imports.importFile(pdf, 'big.pdf', DETAILS, 'file picker');
  console.log(`import of a ${MB} MB PDF (snapshot, magic bytes, streamed copy, SHA-256): ${ms(t0)}`);
  const csv = join(dir, 'big.csv');
  await bigFile(csv, 'user,mfa,key_age\n', 'jane@example.com,true,42\n', MB * 1024 * 1024);
  t0 = performance.now();
  await services.imports.importFile(csv, 'big.csv', DETAILS, 'file picker');
  console.log(`import of a ${MB} MB CSV (snapshot, strict UTF-8 + CSV parse, streamed copy, SHA-256): ${ms(t0)}`);

  for (let i = 0; i < 300; i++) writeFileSync(join(dir, `f${i}.json`), JSON.stringify({ i, pad: 'x'.repeat(20_000) }));
  for (let i = 0; i < 300; i++)
    await services.imports.importFile(join(dir, `f${i}.json`), `f${i}.json`, DETAILS, 'file picker');
  // Imports do not fill the integrity cache, so the first list hashes every file, as after opening.
  const evidence = services.evidence;
  t0 = performance.now();
  const listed = await evidence.list();
  console.log(`list ${listed.length} records (${MB * 2 + 6} MB), first time, every file re-hashed: ${ms(t0)}`);
  t0 = performance.now();
  await evidence.list();
  console.log(`list ${listed.length} records again (unchanged files trusted by size/mtime/ctime/inode): ${ms(t0)}`);

  const aws = await startAwsEndpoint({ scenario: 'basic' });
  const standIn = await startStandInConsole(aws);
  applyEnvironment(signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-bench-home-')), aws.url));
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const ctx = await createTestWorkspace({
    adapters: { capture: playwrightCapture(browser) } as never,
    evidence: { captureEndpoints: { aws: { signin: standIn.url, console: standIn.url } } },
  });
  await ctx.services.awsWorkspace.setProfile('audit', 'eu-west-1');
  const opens: number[] = [];
  const captures: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    const w = await ctx.services.capture.openAws('shot.iam-users');
    opens.push(performance.now() - t0);
    t0 = performance.now();
    await ctx.services.capture.capture(w.windowId);
    captures.push(performance.now() - t0);
    await ctx.services.capture.close(w.windowId);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  console.log(
    `guided capture on the stand-in console, median of 5: sign-in + open ${median(opens)} ms, capture 1100x2300 page + banner + store ${median(captures)} ms`,
  );
  await browser.close();
  await standIn.close();
  await aws.close();
}

void main();
