import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { launchApp, type TestApp } from '../ui/harness/app';
import { buildBridge } from '../ui/harness/bridge-bundle';
import { CHROMIUM_ARGS, chromiumExecutable } from '../ui/harness/chromium';
import { serveRenderer } from '../ui/harness/static-server';
import type { ScreenshotContext } from './context';
import { STEPS } from './steps';

/**
 * `npm run screenshots`: drives the UI harness over demo data and writes the PNGs the README
 * and the issue notes show, under assets/screenshots/.
 */
async function main() {
  const outDir = resolve(__dirname, '../../assets/screenshots');
  mkdirSync(outDir, { recursive: true });
  await buildBridge();
  const server = await serveRenderer();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const only = process.argv.slice(2);
  const apps: TestApp[] = [];
  const ctx: ScreenshotContext = {
    browser,
    rendererUrl: server.url,
    outDir,
    tempDir: (prefix) => mkdtempSync(join(tmpdir(), prefix)),
    launch: async (options) => {
      const app = await launchApp(browser, server.url, options);
      apps.push(app);
      return app;
    },
    shot: async (app, name, options) => {
      const path = join(outDir, `${name}.png`);
      await app.page.waitForTimeout(300);
      await app.page.screenshot({ path, fullPage: options?.fullPage ?? false });
      console.log(`wrote ${path}`);
      return path;
    },
  };
  let failed = 0;
  for (const step of STEPS) {
    if (only.length && !only.some((o) => step.name.includes(o))) continue;
    try {
      await step.run(ctx);
    } catch (error) {
      failed++;
      console.error(`screenshot step "${step.name}" failed: ${(error as Error).message}`);
    }
  }
  for (const app of apps) await app.quit().catch(() => {});
  await browser.close();
  await server.close();
  process.exitCode = failed ? 1 : 0;
}

void main();
