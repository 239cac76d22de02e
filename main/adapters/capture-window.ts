import { app, BrowserWindow, dialog, session, type DownloadItem, type Session, type WebContents } from 'electron';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import { capturePartition, type CaptureAdapter } from '../services/capture/capture-adapter';
import {
  CaptureWindowRequests,
  downloadHost,
  downloadNotSaved,
  downloadQuestion,
  placeDownload,
  resolveDownloadTarget,
  safeDownloadName,
  saidYes,
  saveDialogFor,
  type Question,
} from '../services/capture/capture-requests';
import { PAGE_EXTENT_SCRIPT, type PageExtent } from '../services/capture/page-extent';
import {
  CAPTURE_STEP_TIMEOUT_MS,
  captureTimeoutError,
  openFailure,
  refusesNavigation,
  withTimeout,
} from '../services/capture/window-guards';
import { ownNavigationPolicy } from '../security';

// Chromium refuses larger captures (device pixels); taller pages are cut and the record says so.
const MAX_CAPTURE_HEIGHT = 16_384;
/** Time for the page to lay itself out again in the taller viewport. */
const SETTLE_MS = 300;

interface CaptureWindowState {
  win: BrowserWindow;
  /** The person's answers for this window, and its one-at-a-time questions (main/services/capture/capture-requests.ts). */
  requests: CaptureWindowRequests;
  /** Aborted when the window closes: an open question goes away as if refused. */
  closing: AbortController;
}
/** Open capture windows by their page: web-tool windows share one session, so its handlers look up the window that asks. */
const captureWindows = new WeakMap<WebContents, CaptureWindowState>();

async function askPerson(state: CaptureWindowState, question: Question): Promise<boolean> {
  if (state.win.isDestroyed()) return false;
  const { message, detail, buttons, defaultId, cancelId } = question;
  const { response } = await dialog.showMessageBox(state.win, {
    type: 'question',
    message,
    detail,
    buttons: [...buttons],
    defaultId,
    cancelId,
    noLink: true,
    signal: state.closing.signal,
  });
  return saidYes(response);
}

/** The folder of the open workspace, or null: downloads are never saved inside it. */
type WorkspaceRoot = () => string | null;

/**
 * A download in a capture window goes only where the person says. Electron takes the save path
 * only synchronously in 'will-download' (set later, it is ignored and the download stalls behind
 * Electron's own dialog), so the file is pointed at a private staging folder outside the
 * workspace and paused there while the person is asked; on Save… it resumes and is moved to the
 * chosen path when complete, otherwise it is cancelled. A path inside the open workspace is
 * refused, when chosen and again before saving (capture-requests.ts `resolveDownloadTarget`).
 * The staging folder is always removed.
 */
function onDownload(
  workspaceRoot: WorkspaceRoot,
  event: Electron.Event,
  item: DownloadItem,
  contents: WebContents,
): void {
  const state = captureWindows.get(contents);
  if (!state || state.win.isDestroyed()) return event.preventDefault();
  const fileName = safeDownloadName(item.getFilename());
  let staging: string;
  try {
    staging = mkdtempSync(join(app.getPath('temp'), 'audit-workbench-download-'));
  } catch {
    return event.preventDefault();
  }
  const staged = join(staging, fileName);
  item.setSavePath(staged);
  item.pause();
  const done = new Promise<'completed' | 'cancelled' | 'interrupted'>((resolve) =>
    item.once('done', (_event, outcome) => resolve(outcome)),
  );
  const facts = {
    host: downloadHost(item.getInitiatorOrigin(), item.getURL(), contents.getURL()),
    fileName,
    totalBytes: item.getTotalBytes(),
  };
  const tell = (reason: string) => {
    const { message, detail } = downloadNotSaved(fileName, reason);
    const options = { type: 'error' as const, message, detail };
    void (state.win.isDestroyed() ? dialog.showMessageBox(options) : dialog.showMessageBox(state.win, options)).catch(
      () => undefined,
    );
  };
  void (async () => {
    try {
      const target = await state.requests.download(async () => {
        if (!(await askPerson(state, downloadQuestion(facts))) || state.win.isDestroyed()) return null;
        const chosen = await dialog.showSaveDialog(state.win, saveDialogFor(fileName, app.getPath('downloads')));
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      });
      const chosen = target ? await resolveDownloadTarget(target, workspaceRoot()) : null;
      if (!target || !chosen || 'refused' in chosen) {
        item.cancel();
        await done;
        if (chosen && 'refused' in chosen) tell(chosen.refused);
        return;
      }
      if (item.isPaused() || item.getState() === 'interrupted') item.resume();
      const outcome = await done;
      if (outcome !== 'completed')
        return tell(outcome === 'cancelled' ? 'The download was cancelled.' : 'The download was interrupted.');
      // Checked again: the workspace or the folder may have changed while the file arrived.
      const final = await resolveDownloadTarget(target, workspaceRoot());
      if ('refused' in final) return tell(final.refused);
      await placeDownload(staged, final.path);
    } catch (error) {
      item.cancel();
      tell(error instanceof Error ? error.message : String(error));
    } finally {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    }
  })();
}

const hardened = new WeakSet<Session>();
function harden(ses: Session, workspaceRoot: WorkspaceRoot): Session {
  if (hardened.has(ses)) return ses;
  // Only open capture windows' main frames may ask, and the person decides (capture-requests.ts).
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const state = captureWindows.get(contents);
    if (!state) return callback(false);
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    state.requests
      .permissionRequest(
        { permission, isMainFrame: details.isMainFrame, requestingUrl: details.requestingUrl, mediaTypes },
        (question) => askPerson(state, question),
      )
      .then(callback, () => callback(false));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const state = contents ? captureWindows.get(contents) : undefined;
    return (
      state?.requests.permissionCheck({
        permission,
        isMainFrame: details.isMainFrame,
        requestingOrigin,
        mediaType: details.mediaType,
      }) ?? false
    );
  });
  ses.on('will-download', (event, item, contents) => onDownload(workspaceRoot, event, item, contents));
  hardened.add(ses);
  return ses;
}

interface CdpLayout {
  contentSize: { width: number; height: number };
  /** Device pixels (deprecated, but the one place CDP gives the pixel ratio); css* are CSS pixels. */
  layoutViewport?: { clientWidth: number };
  cssLayoutViewport?: { clientWidth: number };
}

/** The layout viewport's width in CSS pixels: without a vertical scrollbar, if the page shows one. */
const cssViewportWidth = (layout: CdpLayout) =>
  Math.ceil(layout.cssLayoutViewport?.clientWidth ?? layout.contentSize.width);

/**
 * Capture windows in the app: no preload, sandboxed, their own session partition, every
 * top-level navigation checked by the service's policy, popups loaded in place when the
 * policy allows them. Full-page capture goes through the DevTools protocol: the viewport is
 * made as tall as the page for the capture (`webContents.capturePage` only draws the window).
 */
export function electronCaptureWindows(
  owner: () => BrowserWindow | null,
  workspaceRoot: WorkspaceRoot,
): CaptureAdapter {
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
      const ses = harden(session.fromPartition(capturePartition(spec.kind, id)), workspaceRoot);
      const refuse = spec.refuseRequest;
      if (refuse) ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: refuse(details.url) }));
      const win = new BrowserWindow({
        width: 1280,
        height: 900,
        title: spec.title,
        webPreferences: {
          session: ses,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webviewTag: false,
          spellcheck: false,
          // A middle click would ask for a new window; the window-open handler denies it, this never asks.
          disableBlinkFeatures: 'Auxclick',
          // Keeps rendering while the app's window covers it, so a capture does not wait on a page that is not painted.
          backgroundThrottling: false,
        },
      });
      const contents = win.webContents;
      ownNavigationPolicy.add(contents);
      const asking: CaptureWindowState = { win, requests: new CaptureWindowRequests(), closing: new AbortController() };
      captureWindows.set(contents, asking);
      // The policy governs main-frame navigations and redirects; sub-frames are left to `refuseRequest`.
      let loading = true;
      let refusedDuringLoad = false;
      const guard = (details: Electron.Event<{ url: string; isMainFrame: boolean }>) => {
        if (!refusesNavigation(details, spec.policy)) return;
        details.preventDefault();
        if (loading) refusedDuringLoad = true;
      };
      contents.on('will-navigate', guard);
      contents.on('will-redirect', guard);
      contents.setWindowOpenHandler(({ url }) => {
        if (spec.policy(url)) contents.loadURL(url).catch(() => undefined);
        return { action: 'deny' };
      });
      win.on('page-title-updated', (event) => event.preventDefault());
      win.on('closed', () => {
        windows.delete(id);
        captureWindows.delete(contents);
        asking.closing.abort();
        asking.requests.close();
        listeners.forEach((l) => l(id));
        // The window's own console sign-in goes with it; a failure leaves only memory the app frees on exit.
        if (spec.kind === 'aws')
          void Promise.all([ses.clearStorageData(), ses.clearCache(), ses.clearAuthCache()]).catch(() => undefined);
      });
      windows.set(id, win);
      // The person may close the window while it loads; do not wait on a load that will not finish.
      const closed = new Promise<void>((resolve) => win.once('closed', () => resolve()));
      let loadError: unknown;
      try {
        await Promise.race([win.loadURL(spec.url), closed]);
      } catch (error) {
        loadError = error;
      } finally {
        loading = false;
      }
      // The console replaces its first page with script redirects, which aborts that load: the
      // window is fine. But a redirect the guard refused aborts it too, leaving a blank window;
      // that, a window closed while loading, and any other load error (no network) close it.
      const failure = openFailure(spec.kind, { destroyed: win.isDestroyed(), refusedDuringLoad });
      const aborted = (loadError as { code?: string } | undefined)?.code === 'ERR_ABORTED';
      if (failure || (loadError !== undefined && !aborted)) {
        if (!win.isDestroyed()) win.destroy();
        throw failure ?? loadError;
      }
      return { id };
    },

    async capture(id) {
      const win = windows.get(id);
      if (!win || win.isDestroyed()) throw new Error(`capture window ${id} is closed`);
      // Chromium stops painting minimised or covered windows, and a screenshot of a page that
      // is not painted may never come back: bring the window to the front first.
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      win.moveTop();
      const cdp = win.webContents.debugger;
      const detach = () => {
        try {
          if (!win.isDestroyed() && cdp.isAttached()) cdp.detach();
        } catch {
          // Already detached, or the window went away: nothing left to release.
        }
      };
      // Every step has a deadline; on timeout the debugger is detached (which also drops the
      // viewport override) so the next capture can attach again.
      const send = <T>(method: string, params?: object) =>
        withTimeout(cdp.sendCommand(method, params) as Promise<T>, CAPTURE_STEP_TIMEOUT_MS, () => {
          detach();
          return captureTimeoutError();
        });
      try {
        cdp.attach('1.3');
      } catch {
        throw new AppError(
          'CAPTURE_FAILED',
          'The capture window is being inspected by developer tools, which blocks the full-page capture.',
          {
            hint: 'Close the developer tools of the capture window, then press Capture again.',
          },
        );
      }
      try {
        const layout = await send<CdpLayout>('Page.getLayoutMetrics');
        const ratio =
          layout.layoutViewport && layout.cssLayoutViewport?.clientWidth
            ? layout.layoutViewport.clientWidth / layout.cssLayoutViewport.clientWidth
            : 1;
        const maxHeight = Math.floor(MAX_CAPTURE_HEIGHT / Math.max(1, ratio));
        const extent = await send<{ result: { value: PageExtent } }>('Runtime.evaluate', {
          expression: PAGE_EXTENT_SCRIPT,
          returnByValue: true,
        });
        const contentHeight = extent.result.value.height;
        const height = Math.min(contentHeight, maxHeight);
        // A viewport as tall as the page: areas that scroll inside the window show everything.
        await send('Emulation.setDeviceMetricsOverride', { width: 0, height, deviceScaleFactor: 0, mobile: false });
        let shot: { data: string };
        try {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          // Measured again: in the taller viewport the vertical scrollbar is gone and the page is that much wider.
          const viewportWidth = cssViewportWidth(await send<CdpLayout>('Page.getLayoutMetrics'));
          shot = await send<{ data: string }>('Page.captureScreenshot', {
            format: 'png',
            captureBeyondViewport: true,
            clip: { x: 0, y: 0, width: viewportWidth, height, scale: 1 },
          });
        } finally {
          // After a timeout the debugger is already detached, which dropped the override; a
          // failure here must not hide the capture's own error (the detach below clears it too).
          if (!win.isDestroyed() && cdp.isAttached())
            await send('Emulation.clearDeviceMetricsOverride').catch(() => undefined);
        }
        const [width = 0, windowHeight = 0] = win.getContentSize();
        return {
          png: Buffer.from(shot.data, 'base64'),
          url: win.webContents.getURL(),
          windowSize: { width, height: windowHeight },
          ...(contentHeight > maxHeight ? { contentHeight } : {}),
        };
      } finally {
        detach();
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
