import { INSTALL_A_BROWSER } from '../../main/cli/chromium';
import { buildBridge } from './harness/bridge-bundle';
import { chromiumLookup } from './harness/chromium';

export default async function globalSetup() {
  // Stop before any test when there is no browser, with the one line that says what to install.
  const lookup = chromiumLookup();
  if (!lookup.found) throw new Error(`The UI tests need a browser: ${lookup.reason} ${INSTALL_A_BROWSER}`);
  await buildBridge();
}
