/**
 * Whether a URL is the app's own renderer: the bundled file, or the dev server in
 * development. IPC from anything else is refused, and navigation to anything else blocked.
 */
export function isTrustedAppUrl(url: string, devServerUrl?: string): boolean {
  if (devServerUrl) {
    try {
      if (new URL(url).origin === new URL(devServerUrl).origin) return true;
    } catch {
      return false;
    }
  }
  return url.startsWith('file://') && /\/renderer\/index\.html(?:[?#].*)?$/.test(url);
}
