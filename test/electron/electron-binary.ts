import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where an Electron binary is, without importing 'electron' (which would try to download
 * it): ELECTRON_OVERRIDE_DIST_PATH, or the one `npm start` downloads into node_modules.
 */
export function findElectronBinary(): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const name =
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  if (override) {
    const path = join(override, name);
    return existsSync(path) ? { path } : { reason: `ELECTRON_OVERRIDE_DIST_PATH=${override} holds no ${name}` };
  }
  const pkg = resolve(__dirname, '../../node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (existsSync(pathFile)) {
    const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(path)) return { path };
  }
  return {
    reason:
      'no Electron binary on this machine (it is downloaded on the first `npm start`; set ELECTRON_OVERRIDE_DIST_PATH to use one)',
  };
}
