import { dialog, type BrowserWindow } from 'electron';
import { SUPPORTED_EXTENSIONS } from '../services/evidence/import-validation';

/** The evidence file picker; the chosen paths stay in main. */
export async function pickEvidenceFiles(window: BrowserWindow | null): Promise<string[] | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose evidence files',
    properties: ['openFile', 'multiSelections'],
    filters: [
      {
        name: 'Evidence (images, PDF, spreadsheets, documents, text)',
        extensions: SUPPORTED_EXTENSIONS.map((e) => e.slice(1)),
      },
    ],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : result.filePaths;
}
