import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, resolveAppPath } from '../../../main/services/app-protocol/app-url';
import { createAppProtocolHandler } from '../../../main/services/app-protocol/app-protocol-handler';

function rendererFolder() {
  const base = mkdtempSync(join(tmpdir(), 'aw-protocol-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.js'));
  return { base, root };
}

describe('app:// serves the renderer folder and nothing else', () => {
  it('maps the entry page and assets, with the CSP header on every answer', async () => {
    const handle = createAppProtocolHandler(rendererFolder().root);
    const page = await handle(new Request('app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await page.text()).toContain('<title>app</title>');
    const script = await handle(new Request('app://renderer/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await handle(new Request('app://renderer/'))).status).toBe(200);
    const missing = await handle(new Request('app://renderer/nothing.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('the CSP allows scripts from the app only: no inline script, no eval', () => {
    const scriptSrc = APP_CSP.split('; ').find((part) => part.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(APP_CSP).toContain("object-src 'none'");
  });

  it.each([
    ['app://renderer/../secret.txt'],
    ['app://renderer/assets/../../secret.txt'],
    ['app://renderer/%2e%2e/secret.txt'],
    ['app://renderer/.%2E/secret.txt'],
    ['app://renderer/assets/..%2f..%2fsecret.txt'],
    ['app://renderer/assets%5c..%5c..%5csecret.txt'],
    ['app://renderer/%00index.html'],
    ['app://renderer/C:%2fWindows%2fwin.ini'],
  ])('refuses the traversal %s without reading outside the folder', async (url) => {
    expect(resolveAppPath(url).ok).toBe(false);
    const answer = await createAppProtocolHandler(rendererFolder().root)(new Request(url));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(await answer.text()).not.toContain('outside the renderer');
  });

  it('refuses other hosts, credentials, ports, and a link leading out of the folder', async () => {
    const handle = createAppProtocolHandler(rendererFolder().root);
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(403);
    expect(resolveAppPath('app://user:pw@renderer/index.html').ok).toBe(false);
    expect(resolveAppPath('file:///etc/passwd').ok).toBe(false);
    const link = await handle(new Request('app://renderer/assets/link.js'));
    expect(link.status).toBe(404);
    expect(await link.text()).not.toContain('outside the renderer');
  });

  it('answers only GET and HEAD', async () => {
    const handle = createAppProtocolHandler(rendererFolder().root);
    expect((await handle(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://renderer/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
