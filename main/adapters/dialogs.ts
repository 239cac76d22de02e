import { dialog, type BrowserWindow } from 'electron';

export async function pickFolder(window: BrowserWindow | null, purpose: 'create' | 'open'): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: purpose === 'create' ? 'Choose a folder for the new workspace' : 'Open a workspace folder',
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
