/**
 * The renderer is served as `app://renderer/…` rather than from `file://`: a custom standard, secure scheme gives the
 * app a real origin of its own (no other local file shares it), lets main send the CSP as a header, and lets Electron's
 * "extra file-protocol privileges" fuse stay off.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Script only from the app itself (no inline, no eval); Mantine injects its style tags, so styles keep 'unsafe-inline'. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type AppPathResult = { ok: true; relativePath: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps a request URL to a path inside the renderer folder, or refuses it. Refused: another scheme or host, encoded
 * slashes or backslashes, NUL, `..` or `.` segments (before or after decoding), and anything that is not a plain
 * relative path. Nothing here touches the disk: the handler joins the result to the renderer folder.
 */
export function resolveAppPath(rawUrl: string): AppPathResult {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 403, reason: `scheme ${url.protocol}` };
  if (url.host !== APP_HOST) return { ok: false, status: 403, reason: `host ${url.host || '(none)'}` };
  if (url.username || url.password || url.port) return { ok: false, status: 403, reason: 'credentials or port' };
  // WHATWG URL parsing already folded literal `..` segments; look at the raw path as well, so a traversal is refused
  // rather than silently turned into another file.
  const rawPath = rawUrl.slice(rawUrl.indexOf(APP_HOST) + APP_HOST.length).split(/[?#]/)[0] ?? '';
  const isDotSegment = (segment: string) => /^(\.|%2e){1,2}$/i.test(segment);
  if (rawPath.split(/[/\\]/).some(isDotSegment)) return { ok: false, status: 403, reason: 'dot segment' };
  const segments = url.pathname.split('/').slice(1);
  const decoded: string[] = [];
  for (const segment of segments) {
    let part: string;
    try {
      part = decodeURIComponent(segment);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (part === '.' || part === '..') return { ok: false, status: 403, reason: 'dot segment' };
    if (/[\\/\0:]/.test(part)) return { ok: false, status: 403, reason: 'separator, colon or NUL in a segment' };
    decoded.push(part);
  }
  if (decoded.length === 0 || decoded.every((part) => part === '')) return { ok: true, relativePath: 'index.html' };
  if (decoded.some((part) => part === '')) return { ok: false, status: 404, reason: 'empty segment' };
  return { ok: true, relativePath: decoded.join('/') };
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
};

export function contentTypeFor(relativePath: string): string {
  const extension = relativePath.slice(relativePath.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
