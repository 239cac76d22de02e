import { dialog, type BrowserWindow } from 'electron';

/** The open dialog for the AWS SOC 2 report PDF under review; the path stays in main. */
export async function pickAwsReportFile(window: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose the AWS SOC 2 report you reviewed (from AWS Artifact)',
    properties: ['openFile'],
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
