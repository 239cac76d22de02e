import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './ui/harness/chromium';

export default defineConfig({
  globalSetup: './ui/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'ui', testDir: './ui', testMatch: '**/*.spec.ts' },
    { name: 'electron', testDir: './electron', testMatch: '**/*.spec.ts' },
  ],
});
