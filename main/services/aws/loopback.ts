import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackAnswer {
  code?: string;
  state?: string;
  error?: string;
}

const page = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * The loopback redirect target of the authorization-code sign-in: one listener on
 * 127.0.0.1 at a port the system picks. Any local process can reach it, so it answers only
 * the first `/oauth/callback` that carries this sign-in's `state`; callbacks with another
 * (or no) state get a plain 400 page and the sign-in keeps waiting for the real one.
 */
export async function startLoopback(
  state: string,
): Promise<{ redirectUri: string; answer: Promise<CallbackAnswer>; close(): void }> {
  let deliver: (a: CallbackAnswer) => void = () => undefined;
  const answer = new Promise<CallbackAnswer>((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/oauth/callback') {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    if (q.get('state') !== state) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Not this sign-in',
          'This answer does not belong to the sign-in Audit Workbench is waiting for, so it was ignored.',
        ),
      );
      return;
    }
    const error = q.get('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      error
        ? page('Sign-in not completed', 'You can close this tab and return to Audit Workbench.')
        : page('Signed in', 'You can close this tab and return to Audit Workbench.'),
    );
    deliver({
      state: q.get('state')!,
      ...(q.get('code') ? { code: q.get('code')! } : {}),
      ...(error ? { error } : {}),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/oauth/callback`,
    answer,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
