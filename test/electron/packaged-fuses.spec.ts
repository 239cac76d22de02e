import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test } from '@playwright/test';
import { FUSE_SETTINGS } from '../../main/release/fuses.mjs';

// `npm run dist` leaves the unpacked app beside the installers; only a machine that can download Electron has one.
const unpacked = {
  linux: join('linux-unpacked', 'audit-workbench'),
  darwin: join('mac-arm64', 'Audit Workbench.app'),
  win32: join('win-unpacked', 'Audit Workbench.exe'),
}[process.platform as 'linux' | 'darwin' | 'win32'];
const packaged = unpacked ? resolve(__dirname, '../../dist', unpacked) : '';
const reason = existsSync(packaged) ? null : `no packaged app at ${packaged || 'dist/'} (run \`npm run dist\` first)`;
if (reason) console.log(`test/electron/packaged-fuses skipped: ${reason}`);

test('a packaged app has every fuse as main/release/fuses.mjs sets it', async () => {
  test.skip(reason !== null, reason ?? '');
  const wire = await getCurrentFuseWire(packaged);
  for (const [option, enabled] of Object.entries(FUSE_SETTINGS)) {
    expect(wire[Number(option) as FuseV1Options], FuseV1Options[Number(option)]).toBe(
      enabled ? FuseState.ENABLE : FuseState.DISABLE,
    );
  }
});
