import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../../../main/services/app-protocol/app-url';
import { createAppProtocolHandler } from '../../../main/services/app-protocol/app-protocol-handler';

/**
 * Serves the built renderer (out/renderer) on 127.0.0.1 through the app's own app:// handler, so every UI test runs
 * the renderer with the headers the app sends (its CSP among them), as Electron would serve it.
 */
export async function serveRenderer(
  root = resolve(__dirname, '../../../out/renderer'),
): Promise<{ url: string; close(): Promise<void> }> {
  await fs.access(join(root, 'index.html')).catch(() => {
    throw new Error(`${root}/index.html is missing: run \`npm run build\` first.`);
  });
  const handler = createAppProtocolHandler(root);
  const appBase = `${APP_SCHEME}://${APP_HOST}`;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    handler(new Request(`${appBase}${path.startsWith('/') ? path : `/${path}`}`, { method: req.method })).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
