import { fork } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import type { BundleContent } from '../content';
import { workerEntry } from '../../worker-entry';
import { pdfInfo } from './info';
import type { PdfJob, PdfReply } from './worker';

/** render.ts collects each finished part's layout (global.gc) so the heap stays at one part's size. */
const GC_FLAGS = ['--expose-gc'];

/**
 * Renders index.pdf in child processes (see worker.ts); killing them is how a cancel stops it.
 * `partsDir` is a folder that must not exist yet: the parts (the audit's content) go there and
 * it is removed afterwards; the export puts it beside the bundle (bundle-temp.ts).
 */
export async function renderPdfInChild(
  content: BundleContent,
  partsDir: string,
  signal?: AbortSignal,
): Promise<Buffer> {
  return (await runPdfWorker(content, partsDir, signal)).pdf;
}

/** The same, with the larger of the two children's peak resident memory (for the benchmark). */
export async function runPdfWorker(
  content: BundleContent,
  dir: string,
  signal?: AbortSignal,
): Promise<{ pdf: Buffer; peakRssMB: number }> {
  await mkdir(dir, { mode: 0o700 });
  try {
    const layout = await runJob({ layout: content, dir }, signal);
    const joined = await runJob({ join: { parts: layout.parts, info: pdfInfo(content) }, dir }, signal);
    return { pdf: joined.pdf, peakRssMB: Math.max(layout.peakRssMB, joined.peakRssMB) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runJob(job: PdfJob, signal?: AbortSignal): Promise<{ pdf: Buffer; parts: number; peakRssMB: number }> {
  signal?.throwIfAborted();
  const entry = workerEntry(__dirname, 'pdf-worker', 'worker.ts', GC_FLAGS);
  const child = fork(entry.file, [], {
    execArgv: entry.execArgv,
    ...(entry.cwd ? { cwd: entry.cwd } : {}),
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((done, fail) => {
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
    const chunks: Uint8Array[] = [];
    child.on('message', (message: PdfReply) => {
      if ('chunk' in message) chunks.push(message.chunk);
      else if ('done' in message)
        finish(() => done({ pdf: Buffer.concat(chunks), parts: message.parts, peakRssMB: message.maxRssKB / 1024 }));
      else
        finish(() =>
          fail(Object.assign(new Error(`index.pdf could not be built: ${message.error}`), { code: message.code })),
        );
    });
    child.once('error', (error) => finish(() => fail(error)));
    child.once('exit', (code, sig) =>
      finish(() => fail(new Error(`The index.pdf builder stopped (${sig ?? `exit code ${code}`}).`))),
    );
    child.send(job);
  });
}
