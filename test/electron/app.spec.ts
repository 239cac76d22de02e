import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if ('reason' in binary) console.log(`test/electron skipped: ${binary.reason}`);

test.describe('the real Electron app', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  test('starts hardened, shows the welcome screen, and exposes only the typed API', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'aw-electron-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [resolve(__dirname, '../../out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, AW_USER_DATA_DIR: userData, AW_ALLOW_MULTIPLE: '1' },
    });
    const page = await app.firstWindow();
    await expect(page.locator('[data-app-state="welcome"]')).toBeVisible();
    const exposed = await page.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed.api).toEqual(expect.arrayContaining(['workspace', 'controls', 'team', 'on']));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    // The guard cancels the navigation: no frame ever navigates away from the app.
    const navigated = page.waitForEvent('framenavigated', { timeout: 3_000 }).then(
      (frame) => frame.url(),
      () => null,
    );
    await page.evaluate(() => window.location.assign('https://example.com/'));
    expect(await navigated).toBeNull();
    expect(page.url()).toContain('/renderer/index.html');
    await app.close();
  });
});
