import { APP_ENTRY_URL } from '../app-protocol/app-url';

export interface AppOrigin {
  /** The dev server's URL in development only; never honoured in a packaged app. */
  devServerUrl?: string;
}

/**
 * Whether a URL is the app's own renderer: exactly `app://renderer/index.html` (any route in the hash or query), or
 * the dev server in development. A local file, even one called `renderer/index.html`, is a different page and gets
 * nothing; so does any other page served under app:// (there is none, but the API is for the entry page only).
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
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === APP_ENTRY_URL;
}
