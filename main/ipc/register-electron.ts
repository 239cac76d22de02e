import { ipcMain, type BrowserWindow } from 'electron';
import type { Router } from './router';

/** Connects the router to Electron's IPC: one invoke channel, sender facts from the frame. */
export function registerIpc(router: Router): void {
  ipcMain.handle('aw:invoke', (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    return router.invoke(String(channel), input, {
      url: frame?.url ?? '',
      isMainFrame: frame !== null && frame !== undefined && frame.parent === null,
    });
  });
}

export function sendEvent(window: BrowserWindow | null, event: string, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send('aw:event', event, payload);
}
