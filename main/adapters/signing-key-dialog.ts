import { dialog, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Open dialog for a private SSH key file; ssh-keygen reads the file, the app never does. */
export async function pickSigningKeyFile(window: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose your private SSH key (for example id_ed25519)',
    defaultPath: join(homedir(), '.ssh'),
    properties: ['openFile', 'showHiddenFiles'],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
