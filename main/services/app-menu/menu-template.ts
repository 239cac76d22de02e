/**
 * The app menu as plain data, so it is tested without Electron; main/adapters/app-menu.ts hands it to
 * Menu.buildFromTemplate and binds each command. Roles are Electron's standard ones, so every platform gets its own
 * native wording, shortcuts and behaviour (the macOS app menu, Edit's clipboard items that text fields rely on).
 */
export type MenuCommand = 'about' | 'open-docs' | 'open-logs' | 'export-diagnostics';

export type MenuItemSpec =
  | { role: string }
  | { type: 'separator' }
  | { label: string; command: MenuCommand; accelerator?: string }
  | { label: string; role?: string; submenu: MenuItemSpec[] };

const separator: MenuItemSpec = { type: 'separator' };

export function menuTemplate(platform: NodeJS.Platform, appName: string, isPackaged: boolean): MenuItemSpec[] {
  const mac = platform === 'darwin';
  const about: MenuItemSpec = { label: `About ${appName}`, command: 'about' };
  const help: MenuItemSpec = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Documentation', command: 'open-docs' },
      { label: 'Open log folder', command: 'open-logs' },
      { label: 'Export diagnostics…', command: 'export-diagnostics' },
      ...(mac ? [] : [separator, about]),
    ],
  };
  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      // Reloading and developer tools are for development: a packaged app has nothing to debug from its window.
      ...(isPackaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }, separator]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  if (mac) {
    return [
      {
        label: appName,
        submenu: [
          about,
          separator,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit' },
        ],
      },
      { label: 'File', submenu: [{ role: 'close' }] },
      edit,
      view,
      {
        label: 'Window',
        role: 'window',
        submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }],
      },
      help,
    ];
  }
  return [
    { label: 'File', submenu: [{ role: 'quit' }] },
    edit,
    view,
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    help,
  ];
}
