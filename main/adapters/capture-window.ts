import { BrowserWindow, session, type Session } from 'electron';
import { AppError } from '../../shared/ipc/result';
import { capturePartition, type CaptureAdapter } from '../services/capture/capture-adapter';
import { PAGE_EXTENT_SCRIPT, type PageExtent } from '../services/capture/page-extent';
import { ownNavigationPolicy } from '../security';

// Chromium refuses larger captures (device pixels); taller pages are cut and the record says so.
const MAX_CAPTURE_HEIGHT = 16_384;
/** Time for the page to lay itself out again in the taller viewport. */
const SETTLE_MS = 300;

const hardened = new WeakSet<Session>();
function harden(ses: Session): Session {
  if (hardened.has(ses)) return ses;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  hardened.add(ses);
  return ses;
}

interface CdpLayout {
  contentSize: { width: number; height: number };
  /** Device pixels (deprecated, but the one place CDP gives the pixel ratio); css* are CSS pixels. */
  layoutViewport?: { clientWidth: number };
  cssLayoutViewport?: { clientWidth: number };
}

/**
 * Capture windows in the app: no preload, sandboxed, their own session partition, every
 * top-level navigation checked by the service's policy, popups loaded in place when the
 * policy allows them. Full-page capture goes through the DevTools protocol: the viewport is
 * made as tall as the page for the capture (`webContents.capturePage` only draws the window).
 */
export function electronCaptureWindows(owner: () => BrowserWindow | null): CaptureAdapter {
  const windows = new Map<string, BrowserWindow>();
  const listeners: ((id: string) => void)[] = [];
  const watched = new WeakSet<BrowserWindow>();
  let next = 0;
  // Capture windows go away with the app's window, or they would keep the app running.
  const closeWithOwner = () => {
    const main = owner();
    if (!main || watched.has(main)) return;
    watched.add(main);
    main.on('closed', () => [...windows.values()].forEach((w) => w.destroy()));
  };

  return {
    async open(spec) {
      closeWithOwner();
      const id = `capture-${++next}`;
      const ses = harden(session.fromPartition(capturePartition(spec.kind, id)));
      const refuse = spec.refuseRequest;
      if (refuse) ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: refuse(details.url) }));
      const win = new BrowserWindow({
        width: 1280,
        height: 900,
        title: spec.title,
        webPreferences: { session: ses, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, spellcheck: false },
      });
      const contents = win.webContents;
      ownNavigationPolicy.add(contents);
      const guard = (event: Electron.Event, url: string) => {
        if (!spec.policy(url)) event.preventDefault();
      };
      contents.on('will-navigate', guard);
      contents.on('will-redirect', guard);
      contents.setWindowOpenHandler(({ url }) => {
        if (spec.policy(url)) void contents.loadURL(url);
        return { action: 'deny' };
      });
      win.on('page-title-updated', (event) => event.preventDefault());
      win.on('closed', () => {
        windows.delete(id);
        listeners.forEach((l) => l(id));
        // The window's own console sign-in goes with it; a failure leaves only memory the app frees on exit.
        if (spec.kind === 'aws') void Promise.all([ses.clearStorageData(), ses.clearCache(), ses.clearAuthCache()]).catch(() => undefined);
      });
      windows.set(id, win);
      try {
        await win.loadURL(spec.url);
      } catch (error) {
        // The console replaces its first page with script redirects, which aborts that load:
        // the window is fine. Anything else (no network, refused) closes it.
        if ((error as { code?: string }).code !== 'ERR_ABORTED') {
          win.destroy();
          throw error;
        }
      }
      return { id };
    },

    async capture(id) {
      const win = windows.get(id);
      if (!win) throw new Error(`capture window ${id} is closed`);
      const cdp = win.webContents.debugger;
      try {
        cdp.attach('1.3');
      } catch {
        throw new AppError('CAPTURE_FAILED', 'The capture window is being inspected by developer tools, which blocks the full-page capture.', {
          hint: 'Close the developer tools of the capture window, then press Capture again.',
        });
      }
      try {
        const layout = (await cdp.sendCommand('Page.getLayoutMetrics')) as CdpLayout;
        const viewportWidth = Math.ceil(layout.cssLayoutViewport?.clientWidth ?? layout.contentSize.width);
        const ratio = layout.layoutViewport && layout.cssLayoutViewport?.clientWidth ? layout.layoutViewport.clientWidth / layout.cssLayoutViewport.clientWidth : 1;
        const maxHeight = Math.floor(MAX_CAPTURE_HEIGHT / Math.max(1, ratio));
        const extent = (await cdp.sendCommand('Runtime.evaluate', { expression: PAGE_EXTENT_SCRIPT, returnByValue: true })) as { result: { value: PageExtent } };
        const contentHeight = extent.result.value.height;
        const height = Math.min(contentHeight, maxHeight);
        // A viewport as tall as the page: areas that scroll inside the window show everything.
        await cdp.sendCommand('Emulation.setDeviceMetricsOverride', { width: 0, height, deviceScaleFactor: 0, mobile: false });
        let shot: { data: string };
        try {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          shot = (await cdp.sendCommand('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width: viewportWidth, height, scale: 1 } })) as { data: string };
        } finally {
          await cdp.sendCommand('Emulation.clearDeviceMetricsOverride');
        }
        const [width = 0, windowHeight = 0] = win.getContentSize();
        return {
          png: Buffer.from(shot.data, 'base64'),
          url: win.webContents.getURL(),
          windowSize: { width, height: windowHeight },
          ...(contentHeight > maxHeight ? { contentHeight } : {}),
        };
      } finally {
        cdp.detach();
      }
    },

    async close(id) {
      windows.get(id)?.close();
    },

    onClosed(listener) {
      listeners.push(listener);
    },
  };
}
