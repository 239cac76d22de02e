import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace, tempDir } from '../helpers/services';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const built = join(root, 'out/main/index.js');
const register = join(__dirname, 'stand-in/register.cjs');

interface BootReport {
  singleInstanceLockRequested: boolean;
  quitCalled: boolean;
  crashReporter: { uploadToServer: boolean } | null;
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  handledSchemes: string[];
  windows: { options: { webPreferences: Record<string, unknown> }; loaded: string | null }[];
  ipcChannels: string[];
  permissionRequestHandler: boolean;
  permissionCheckHandler: boolean;
  downloadListener: boolean;
  webContentsCreatedListeners: number;
  menuInstalled: boolean;
  menuLabels: string[];
  errorBoxes: unknown[];
  checks: Record<string, unknown>;
  unexpected: string[];
  paths: Record<string, string>;
}

/** Boots the built main process in plain Node with the recording stand-in for 'electron' (test/unit/release/stand-in). */
async function boot(env: Record<string, string>): Promise<BootReport> {
  const folder = tempDir('aw-boot-');
  const reportFile = join(folder, 'report.json');
  mkdirSync(join(folder, 'userData'), { recursive: true });
  await run(process.execPath, ['--require', register, built], {
    cwd: root,
    timeout: 60_000,
    env: {
      ...process.env,
      ...env,
      AW_STANDIN_ROOT: folder,
      AW_STANDIN_REPORT: reportFile,
      AW_USER_DATA_DIR: join(folder, 'userData'),
    },
  });
  return JSON.parse(readFileSync(reportFile, 'utf8')) as BootReport;
}

// `npm test` builds first; a bare `vitest run` on a fresh clone has nothing to boot yet.
const missingBuild = !existsSync(built);
if (missingBuild) console.log(`boot-main.test.ts skipped: ${built} is missing (run \`npm run build\` first)`);

describe.skipIf(missingBuild)('the built main process, booted without Electron', () => {
  it('reaches its first window hardened, with the IPC handler, every guard and the app:// renderer', async () => {
    const report = await boot({});
    expect(report.errorBoxes).toEqual([]);
    expect(report.checks.error).toBeUndefined();
    expect(report.unexpected).toEqual([]);
    expect(report.singleInstanceLockRequested).toBe(true);
    expect(report.crashReporter).toMatchObject({ uploadToServer: false });
    expect(report.paths.crashDumps).toMatch(/logs[/\\]crashes$/);

    expect(report.windows).toHaveLength(1);
    const [window] = report.windows;
    expect(window!.loaded).toBe('app://renderer/index.html');
    expect(window!.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    const preload = window!.options.webPreferences.preload as string;
    expect(existsSync(preload)).toBe(true);
    expect(existsSync(join(root, 'out/renderer/index.html'))).toBe(true);

    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(report.handledSchemes).toEqual(['app']);
    expect(report.checks.rendererServed).toBe(200);
    expect(report.checks.rendererCsp).toContain("script-src 'self'");

    expect(report.ipcChannels).toEqual(['aw:invoke']);
    expect(report.webContentsCreatedListeners).toBeGreaterThanOrEqual(1);
    expect(report.permissionRequestHandler && report.permissionCheckHandler && report.downloadListener).toBe(true);
    expect(report.checks.externalNavigationPrevented).toBe(true);
    expect(report.checks.appNavigationAllowed).toBe(true);
    expect(report.checks.newWindowDenied).toBe(true);
    expect(report.checks.untrustedSender).toMatchObject({ ok: false });
    expect(report.checks.trustedAbout).toMatchObject({ ok: true, value: { appVersion: '0.0.0-boot' } });
    expect(report.menuInstalled).toBe(true);
    expect(report.menuLabels).toContain('Help');
  });

  it('a workspace handed over by a second launch opens in the first window, which comes to the front', async () => {
    const { folder, services } = await createTestWorkspace();
    await services.workspaces.close();
    const report = await boot({ AW_STANDIN_WORKSPACE: folder });
    expect(report.errorBoxes).toEqual([]);
    expect(report.checks.focusedBySecondInstance).toBe(true);
    expect(report.checks.workspaceAfterHandOver).toMatchObject({ ok: true, value: { path: folder } });
  });

  it('a second instance quits without a window of its own', async () => {
    const report = await boot({ AW_STANDIN_SECOND: '1' });
    expect(report.quitCalled).toBe(true);
    expect(report.windows).toEqual([]);
    expect(report.ipcChannels).toEqual([]);
  });
});
