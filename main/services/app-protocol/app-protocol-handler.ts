import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { APP_CSP, contentTypeFor, resolveAppPath } from './app-url';

/**
 * Answers `app://renderer/…` requests from the built renderer folder. Plain Node (Request/Response are Node globals),
 * so it is tested without Electron; the adapter only hands it to `protocol.handle`.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const headers = (contentType: string) => ({
    'content-type': contentType,
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: headers('text/plain') });
    }
    const resolved = resolveAppPath(request.url);
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status, headers: headers('text/plain') });
    const path = join(rendererRoot, resolved.relativePath);
    try {
      // lstat: inside an asar there are no links; outside one a link must not lead out of the renderer folder.
      const stat = await fs.lstat(path);
      if (!stat.isFile()) return new Response('not found', { status: 404, headers: headers('text/plain') });
      const body = request.method === 'HEAD' ? null : await fs.readFile(path);
      return new Response(body, { status: 200, headers: headers(contentTypeFor(resolved.relativePath)) });
    } catch {
      return new Response('not found', { status: 404, headers: headers('text/plain') });
    }
  };
}
