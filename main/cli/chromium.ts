import { existsSync } from 'node:fs';

/** Where a Chromium for Playwright was found, or why none was. */
export type ChromiumLookup =
  | { found: true; executablePath: string; source: 'AW_CHROMIUM' | 'playwright' | 'debian' }
  | { found: false; reason: string };

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** One line a person can act on when no browser is there. */
export const INSTALL_A_BROWSER =
  "Install a Chromium: `npx playwright install chromium` (needs the network), or Debian's `apt-get install chromium`, or set AW_CHROMIUM to a Chromium executable.";

/**
 * Finds the Chromium the UI tests, the screenshots and the demo drive: AW_CHROMIUM when set
 * (an explicit choice wins, and a wrong one is reported rather than replaced), Playwright's own
 * browser when it is installed, then Debian's chromium package. Playwright is a development
 * dependency, so its browser path is asked of the caller (`chromium.executablePath()`).
 */
export function findChromium(
  playwrightExecutable: () => string,
  env: NodeJS.ProcessEnv = process.env,
  debianChromium = DEBIAN_CHROMIUM,
): ChromiumLookup {
  const chosen = env.AW_CHROMIUM;
  if (chosen) {
    return existsSync(chosen)
      ? { found: true, executablePath: chosen, source: 'AW_CHROMIUM' }
      : { found: false, reason: `AW_CHROMIUM names ${chosen}, which does not exist.` };
  }
  const own = playwrightExecutable();
  if (own && existsSync(own)) return { found: true, executablePath: own, source: 'playwright' };
  if (existsSync(debianChromium)) return { found: true, executablePath: debianChromium, source: 'debian' };
  return { found: false, reason: `No Chromium found (AW_CHROMIUM, Playwright's own, ${debianChromium}).` };
}
