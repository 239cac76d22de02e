import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECK_RESULT_LABELS } from '../../shared/domain/findings';
import { SAMPLE_MARK } from '../../shared/domain/workspace';
import { AppError } from '../../shared/ipc/result';
import { SAMPLE_PEOPLE } from '../sandbox/aws-endpoint/scenarios/sample-company';
import { playwrightCapture } from '../sandbox/playwright-capture';
import { sampleReviewDraft, writeSampleReportPdf } from '../sandbox/sample-company/sample-review';
import { reviewDraftOf } from '../../shared/rules/aws-report-review';
import type { CaptureAdapter } from '../services/capture/capture-adapter';
import { createServices } from '../services/create-services';
import { silentLogger } from '../services/logger';
import { verifyBundle } from '../services/export/verify';
import { findChromium, INSTALL_A_BROWSER } from './chromium';
import { memoryPreferences } from './headless';
import { type CliIo, UsageError, reportError } from './output';
import packageJson from '../../package.json';

/** The guided screenshot the demo takes: one the sample's console can show. */
const DEMO_SCREENSHOT = 'shot.cloudtrail-trails';

interface Browser {
  close(): Promise<void>;
}

/** Playwright's Chromium where one is found (Playwright is a development dependency); why not otherwise. */
async function launchBrowser(): Promise<{ browser: Browser; adapter: CaptureAdapter } | { skipped: string }> {
  let playwright: typeof import('playwright');
  try {
    playwright = await import('playwright');
  } catch {
    return { skipped: 'Playwright is not installed (run npm install).' };
  }
  const lookup = findChromium(() => playwright.chromium.executablePath());
  if (!lookup.found) return { skipped: `${lookup.reason} ${INSTALL_A_BROWSER}` };
  try {
    const browser = await playwright.chromium.launch({
      executablePath: lookup.executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      timeout: 30_000,
    });
    return { browser, adapter: playwrightCapture(browser) };
  } catch (error) {
    return {
      skipped: `Chromium at ${lookup.executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
    };
  }
}

/**
 * `demo [--workspace DIR]`: the sample company end to end, headless: creates its workspace (in a
 * temporary folder unless DIR is given), signs in to the sandbox, runs every check, takes one
 * guided screenshot where a browser is available, signs a review of the sample AWS SOC 2 report,
 * exports the bundle and verifies it, then says where everything is and how to open it.
 */
export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' } } });
  const started = Date.now();
  const step = (text: string) => io.out(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);
  const folder = values.workspace
    ? resolve(values.workspace)
    : join(await mkdtemp(join(tmpdir(), 'audit-workbench-demo-')), 'Sample company');
  if (existsSync(folder) && readdirSync(folder).length > 0)
    throw new UsageError(`${folder} is not empty: give --workspace a new or empty folder for the sample company.`);

  const launched = await launchBrowser();
  const services = createServices({
    appVersion: packageJson.version,
    logger: silentLogger,
    adapters: {
      preferences: memoryPreferences(),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: () => {},
      ...('adapter' in launched ? { capture: launched.adapter } : {}),
    },
  });
  const me = { name: SAMPLE_PEOPLE[0].name, email: SAMPLE_PEOPLE[0].email };
  const reportDir = await mkdtemp(join(tmpdir(), 'audit-workbench-demo-report-'));
  try {
    io.out(`${SAMPLE_MARK}: the sample company, answered by a sandbox on 127.0.0.1, never by AWS.`);
    await services.sample.create(folder, me);
    step(
      `Created the sample company's workspace in ${folder}, signed in to the sandbox (${services.sample.sandboxUrl()})`,
    );
    const run = await services.sample.runChecks();
    const counts = new Map<string, number>();
    for (const c of run.checks) counts.set(c.result, (counts.get(c.result) ?? 0) + 1);
    const tally = [...counts].map(([r, n]) => `${n} ${CHECK_RESULT_LABELS[r as keyof typeof CHECK_RESULT_LABELS]}`);
    const accounts = run.accounts.map((a) => a.id).join(' and ');
    const checks = new Set(run.checks.map((c) => c.checkId)).size;
    step(`Ran ${checks} checks on accounts ${accounts} (${run.checks.length} results): ${tally.join(', ')}`);

    if ('adapter' in launched) {
      const window = await services.capture.openAws(DEMO_SCREENSHOT);
      const shot = await services.capture.capture(window.windowId);
      await services.capture.close(window.windowId);
      step(`Captured a guided screenshot with its banner: ${shot.title} (${shot.fileName})`);
    } else step(`Skipped the guided screenshot: ${launched.skipped}`);

    const report = await writeSampleReportPdf(reportDir);
    const attached = await services.awsReport.attachReportFile(report.path);
    await services.awsReport.save(sampleReviewDraft(reviewDraftOf(attached.review), new Date()));
    const signed = await services.awsReport.sign();
    step(`Signed the review of the (sample) AWS SOC 2 report as ${signed.review.signed?.by.name}`);

    const bundlePath = join(dirname(folder), 'sample-company-bundle.zip');
    const exported = await services.exports.run({ outPath: bundlePath });
    step(`Exported the bundle: ${exported.path}`);
    const verified = await verifyBundle(exported.path, { expectedSeal: exported.seal });
    if (!verified.ok) {
      io.err(`The demo bundle did not verify:\n  - ${verified.problems.join('\n  - ')}`);
      return 1;
    }
    step(`Verified it: every file matches SHA256SUMS and manifest.json, the seal matches, and it says ${SAMPLE_MARK}`);
    await services.workspaces.close();
    io.out(
      [
        '',
        `Workspace: ${folder}`,
        `Bundle:    ${exported.path}`,
        `  fingerprint ${exported.fingerprint}`,
        `  seal        ${exported.seal}`,
        '',
        'Open the workspace in the app:',
        `  npm start -- --workspace "${folder}"`,
        'Open the bundle as the audit firm would:',
        `  unzip "${exported.path}" -d sample-bundle && open sample-bundle/index.pdf (or index.html)`,
        `  npm run cli -- verify "${exported.path}" --seal ${exported.seal}`,
        '',
        `Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    if (e instanceof AppError) return reportError(e, io, false);
    throw e;
  } finally {
    await services.workspaces.close().catch(() => undefined);
    await rm(reportDir, { recursive: true, force: true });
    if ('browser' in launched) await launched.browser.close();
  }
}
