import { spawnSync } from 'node:child_process';
import { INSTALL_A_BROWSER } from '../main/cli/chromium';
import { chromiumLookup } from './ui/harness/chromium';

/**
 * Run first by `npm test`: the UI tests need a Chromium. Finds one, installs Playwright's where
 * the network allows, and otherwise stops before anything runs, saying in one line what to install.
 */
function main(): number {
  let lookup = chromiumLookup();
  if (!lookup.found && !process.env.AW_CHROMIUM) {
    console.log(`${lookup.reason} Trying \`npx playwright install chromium\`...`);
    const install = spawnSync('npx', ['playwright', 'install', 'chromium'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 3 * 60_000,
    });
    if (install.status === 0) lookup = chromiumLookup();
  }
  if (!lookup.found) {
    console.error(`npm test needs a browser: ${lookup.reason} ${INSTALL_A_BROWSER}`);
    return 1;
  }
  console.log(`UI tests use ${lookup.executablePath} (${lookup.source}).`);
  return 0;
}

process.exit(main());
