import { app, session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './services/security/external-urls';

/** Capture windows: they check navigation with their own policy (main/adapters/capture-window.ts). */
export const ownNavigationPolicy = new WeakSet<WebContents>();

/**
 * Guards every web contents the app creates: no navigation away from the app, no new
 * windows, no webviews, no downloads, no permissions except writing to the clipboard from
 * the app's own page. Links the app wants opened go through `openExternal`, which only passes https URLs
 * on the allow list to the system browser.
 */
export function installSecurityGuards(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url) && !ownNavigationPolicy.has(contents)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url) && !ownNavigationPolicy.has(contents)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  // The one permission the app's own page needs: writing text to the clipboard (copy buttons).
  // Only its main frame, never another page or frame; everything else is denied.
  const allowed = (permission: string, isMainFrame: boolean, requestingUrl: string | undefined) =>
    permission === 'clipboard-sanitized-write' && isMainFrame && !!requestingUrl && isAppUrl(requestingUrl);
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(allowed(permission, details.isMainFrame, details.requestingUrl)),
    );
    session.defaultSession.setPermissionCheckHandler((_wc, permission, _origin, details) =>
      allowed(permission, details.isMainFrame, details.requestingUrl),
    );
    // The app's own window never downloads anything: bundles are written by main, not fetched.
    session.defaultSession.on('will-download', (event) => event.preventDefault());
  });
}

export async function openExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) throw new Error(`Refused to open ${url}`);
  await shell.openExternal(url);
}
