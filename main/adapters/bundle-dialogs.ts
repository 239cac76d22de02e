import { dialog, type BrowserWindow } from 'electron';

/** Save dialog for a new bundle or a diagnostics ZIP, or open dialog for a bundle to verify; null when cancelled. */
export async function pickBundleFile(
  window: BrowserWindow | null,
  purpose: 'save-bundle' | 'open-bundle' | 'save-diagnostics',
  defaultPath?: string,
): Promise<string | null> {
  if (purpose === 'save-diagnostics') {
    const options: Electron.SaveDialogOptions = {
      title: 'Save diagnostics (no evidence, no secrets)',
      defaultPath,
      filters: [{ name: 'ZIP', extensions: ['zip'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }
  const filters = [{ name: 'Auditor bundle (ZIP)', extensions: ['zip'] }];
  if (purpose === 'save-bundle') {
    const options: Electron.SaveDialogOptions = {
      title: 'Save the auditor bundle',
      defaultPath,
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }
  const options: Electron.OpenDialogOptions = { title: 'Choose a bundle to verify', filters, properties: ['openFile'] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
