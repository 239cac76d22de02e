import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { launchApp, type LaunchOptions, type TestApp } from './harness/app';
import { serveRenderer } from './harness/static-server';

export interface UiFixtures {
  /** A fresh temp folder for the workspace under test. */
  workspaceDir: string;
  /** Starts the app; call it again with the same `userDataDir` to simulate a restart. */
  launch: (options?: LaunchOptions) => Promise<TestApp>;
}

export const test = base.extend<UiFixtures, { rendererUrl: string }>({
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  workspaceDir: async ({}, use) => {
    await use(join(mkdtempSync(join(tmpdir(), 'aw-ws-')), 'workspace'));
  },
  launch: async ({ browser, rendererUrl }, use) => {
    const apps: TestApp[] = [];
    await use(async (options) => {
      const app = await launchApp(browser, rendererUrl, options);
      apps.push(app);
      return app;
    });
    for (const app of apps) await app.quit().catch(() => {});
  },
});

export { expect } from '@playwright/test';
