import { Menu, type MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuCommand, type MenuItemSpec } from '../services/app-menu/menu-template';

/** Installs the app menu; each command item calls `run` with its command. */
export function installAppMenu(appName: string, isPackaged: boolean, run: (command: MenuCommand) => void): void {
  const toElectron = (item: MenuItemSpec): MenuItemConstructorOptions => {
    if ('command' in item) {
      const command = item.command;
      return { label: item.label, accelerator: item.accelerator, click: () => run(command) };
    }
    if ('submenu' in item) {
      return {
        label: item.label,
        role: item.role as MenuItemConstructorOptions['role'],
        submenu: item.submenu.map(toElectron),
      };
    }
    if ('type' in item) return { type: 'separator' };
    return { role: item.role as MenuItemConstructorOptions['role'] };
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, appName, isPackaged).map(toElectron)));
}
