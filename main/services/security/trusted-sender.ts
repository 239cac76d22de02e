export interface AppOrigin {
  /** The exact file URL of the bundled renderer, e.g. `file:///…/out/renderer/index.html`. */
  appFileUrl: string;
  /** The dev server's URL in development only; never honoured in a packaged app. */
  devServerUrl?: string;
}

/**
 * Whether a URL is the app's own renderer. Only that exact page may use the API or be
 * navigated to: another local file that happens to be called `renderer/index.html` (say in
 * Downloads) is a different page and gets nothing.
 */
export function isTrustedAppUrl(url: string, origin: AppOrigin): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (origin.devServerUrl) {
    try {
      if (parsed.origin === new URL(origin.devServerUrl).origin) return true;
    } catch {
      return false;
    }
  }
  if (parsed.protocol !== 'file:') return false;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === new URL(origin.appFileUrl).href;
}
