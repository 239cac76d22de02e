import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BundleContent } from '../content';

/**
 * Where the worker is: beside the bundled main process (`pdf-worker.js`, an electron-vite
 * entry), or as TypeScript when running from source (CLI, tests), loaded through tsx.
 */
function workerEntry(): { file: string; execArgv: string[]; cwd?: string } {
  // The bundler may put this module in out/main or in out/main/chunks.
  const built = [join(__dirname, 'pdf-worker.js'), join(__dirname, '..', 'pdf-worker.js')].find(existsSync);
  if (built) return { file: built, execArgv: [] };
  const source = join(__dirname, 'worker.ts');
  if (!existsSync(source)) throw new Error(`the index.pdf builder is missing (looked for pdf-worker.js beside ${__dirname})`);
  return { file: source, execArgv: ['--import', 'tsx'], cwd: resolve(__dirname, '../../../..') };
}

/** Renders index.pdf in a child process (see worker.ts); killing it is how a cancel stops it. */
export function renderPdfInChild(content: BundleContent, signal?: AbortSignal): Promise<Buffer> {
  signal?.throwIfAborted();
  const entry = workerEntry();
  const child = fork(entry.file, [], { execArgv: entry.execArgv, cwd: entry.cwd, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<Buffer>((done, fail) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = () => {
      child.kill();
      finish(() => fail(signal!.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.once('message', (message: { pdf?: Uint8Array; error?: string }) =>
      finish(() => (message.pdf ? done(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength)) : fail(new Error(`index.pdf could not be built: ${message.error}`)))),
    );
    child.once('error', (error) => finish(() => fail(error)));
    child.once('exit', (code, sig) => finish(() => fail(new Error(`The index.pdf builder stopped (${sig ?? `exit code ${code}`}).`))));
    child.send(content);
  });
}
