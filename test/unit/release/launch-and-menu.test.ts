import { describe, expect, it } from 'vitest';
import { developmentSwitches, workspaceFromArgv } from '../../../main/services/launch/launch-options';
import { menuTemplate, type MenuItemSpec } from '../../../main/services/app-menu/menu-template';

describe('a workspace named on the command line', () => {
  it('is read from --workspace DIR and --workspace=DIR, resolved against the launch directory', () => {
    expect(workspaceFromArgv(['/opt/aw/audit-workbench', '--workspace', 'acme'], '/home/u')).toBe('/home/u/acme');
    expect(workspaceFromArgv(['electron', '.', '--workspace=/srv/audit'], '/home/u')).toBe('/srv/audit');
    // What a second launch hands over: Chromium switches around it are ignored.
    expect(
      workspaceFromArgv(['aw', '--allow-file-access-from-files', '--workspace', '../b', '--no-sandbox'], '/w/a'),
    ).toBe('/w/b');
  });

  it('is absent without the flag, or when the flag has no folder', () => {
    expect(workspaceFromArgv(['aw', '.'], '/home/u')).toBeNull();
    expect(workspaceFromArgv(['aw', '--workspace'], '/home/u')).toBeNull();
    expect(workspaceFromArgv(['aw', '--workspace', '--no-sandbox'], '/home/u')).toBeNull();
    expect(workspaceFromArgv(['aw', '--workspace='], '/home/u')).toBeNull();
  });
});

describe('test-only switches', () => {
  const env = { AW_USER_DATA_DIR: '/tmp/ud', AW_ALLOW_MULTIPLE: '1', ELECTRON_RENDERER_URL: 'http://localhost:5173' };
  it('are honoured in an unpackaged build', () => {
    expect(developmentSwitches(env, false)).toEqual({
      userDataDir: '/tmp/ud',
      allowMultiple: true,
      rendererDevUrl: 'http://localhost:5173',
    });
  });
  it('are ignored by a packaged app', () => {
    expect(developmentSwitches(env, true)).toEqual({ allowMultiple: false });
  });
});

const labels = (items: MenuItemSpec[]) =>
  items.map((item) => ('label' in item ? item.label : 'role' in item ? item.role : '-'));
const submenu = (items: MenuItemSpec[], label: string) => {
  const found = items.find((item) => 'label' in item && item.label === label);
  return found && 'submenu' in found ? found.submenu : [];
};
const commands = (items: MenuItemSpec[]) => items.flatMap((item) => ('command' in item ? [item.command] : []));

describe('the app menu', () => {
  it('on macOS starts with the app menu holding About and Quit, and Help has the docs, logs and diagnostics', () => {
    const mac = menuTemplate('darwin', 'Audit Workbench', true);
    expect(labels(mac)).toEqual(['Audit Workbench', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(commands(submenu(mac, 'Audit Workbench'))).toEqual(['about']);
    expect(labels(submenu(mac, 'Audit Workbench'))).toContain('quit');
    expect(commands(submenu(mac, 'Help'))).toEqual(['open-docs', 'open-logs', 'export-diagnostics']);
  });

  it('on Windows and Linux puts About under Help and Quit under File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = menuTemplate(platform, 'Audit Workbench', true);
      expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(labels(submenu(menu, 'File'))).toEqual(['quit']);
      expect(commands(submenu(menu, 'Help'))).toEqual(['open-docs', 'open-logs', 'export-diagnostics', 'about']);
    }
  });

  it('keeps the clipboard roles text fields need, and developer tools out of a packaged app', () => {
    const packaged = menuTemplate('linux', 'Audit Workbench', true);
    expect(labels(submenu(packaged, 'Edit'))).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
    expect(labels(submenu(packaged, 'View'))).not.toContain('toggleDevTools');
    expect(labels(submenu(menuTemplate('linux', 'Audit Workbench', false), 'View'))).toContain('toggleDevTools');
  });
});
