import { existsSync } from 'node:fs';

/**
 * Playwright cannot download its browsers on the build machines; Debian's chromium is used
 * instead. Elsewhere AW_CHROMIUM or Playwright's own browser works.
 */
export const chromiumExecutable = (): string | undefined =>
  process.env.AW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
