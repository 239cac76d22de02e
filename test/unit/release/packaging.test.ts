import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { electronExecutablePath, fuseConfig } from '../../../main/release/fuses.mjs';
import { bundledLicenses } from '../../../main/release/licenses.mjs';
import { signingPlan } from '../../../main/release/signing.mjs';

const root = resolve(__dirname, '../../..');

describe('the fuses every packaged binary gets', () => {
  it('turn off every way to run other code in the app, and on the integrity checks', () => {
    const config = fuseConfig('linux', 'x64');
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
  });

  it('are flipped on the executable electron-builder wrote for each platform', () => {
    const names = { appOutDir: '/out', productFilename: 'Audit Workbench', executableName: 'audit-workbench' };
    expect(electronExecutablePath({ platform: 'darwin', ...names })).toBe('/out/Audit Workbench.app');
    expect(electronExecutablePath({ platform: 'win32', ...names })).toBe('/out/Audit Workbench.exe');
    expect(electronExecutablePath({ platform: 'linux', ...names })).toBe('/out/audit-workbench');
  });

  it('are wired into electron-builder as its afterPack hook, with asar on and every target named', () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/main\/release\/after-pack\.mjs$/m);
    expect(yml).toMatch(/^asar: true$/m);
    for (const target of ['dmg', 'nsis', 'AppImage', 'deb']) expect(yml).toContain(target);
    expect(yml).toMatch(/arch: \[arm64, x64\]/);
  });
});

describe('signing and notarisation', () => {
  it('are skipped with a line saying which variables to set when they are absent', () => {
    const mac = signingPlan('darwin', {});
    expect(mac).toMatchObject({ sign: false, notarize: false });
    expect(mac.lines.join('\n')).toMatch(/code signing skipped: set CSC_LINK/);
    expect(mac.lines.join('\n')).toMatch(/notarisation skipped/);
    expect(signingPlan('win32', {}).lines[0]).toMatch(/skipped: set WIN_CSC_LINK/);
  });

  it('are used when the environment holds the credentials', () => {
    const env = { CSC_LINK: 'cert.p12', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' };
    expect(signingPlan('darwin', env)).toMatchObject({ sign: true, notarize: true });
    expect(
      signingPlan('darwin', { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' }),
    ).toMatchObject({
      sign: false,
      notarize: false,
    });
  });
});

describe('the license list About shows', () => {
  it('names every runtime package from the lock file with its license, and no dev-only tool', () => {
    const licenses = bundledLicenses(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const names = new Set(licenses.map((entry) => entry.name));
    expect(Object.keys(pkg.dependencies).length).toBeGreaterThan(5);
    for (const name of Object.keys(pkg.dependencies)) expect(names, name).toContain(name);
    for (const name of ['vitest', 'electron', 'electron-builder', 'typescript']) expect(names).not.toContain(name);
    expect(licenses.find((entry) => entry.name === 'zod')?.license).toBe('MIT');
  });

  it('is written as JSON by the build step', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'aw-licenses-')), 'licenses.json');
    execFileSync(process.execPath, [join(root, 'main/release/licenses.mjs'), out], { cwd: root });
    const written = JSON.parse(readFileSync(out, 'utf8')) as { name: string }[];
    expect(written.some((entry) => entry.name === 'react')).toBe(true);
  });
});
