import { chromium } from '@playwright/test';
import { findChromium, type ChromiumLookup } from '../../../main/cli/chromium';

/** The browser every Playwright run of the tests uses (see `findChromium` for the order). */
export const chromiumLookup = (): ChromiumLookup => findChromium(() => chromium.executablePath());

export const chromiumExecutable = (): string | undefined => {
  const lookup = chromiumLookup();
  return lookup.found ? lookup.executablePath : undefined;
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
