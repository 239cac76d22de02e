import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { BannerFields, ComposedCapture } from './banner';
import type { BannerJob } from './banner-worker';

/** composeBanner (banner.ts) in a worker thread of its own, so the main thread stays responsive. */
export function composeBannerInWorker(pagePng: Uint8Array, fields: BannerFields, scale = 1): Promise<ComposedCapture> {
  const entry = workerEntry(__dirname, 'banner-worker', 'banner-worker.ts');
  const job: BannerJob = { pagePng, fields, scale };
  const worker = new Worker(entry.file, { workerData: job, execArgv: entry.execArgv });
  return new Promise((done, fail) => {
    worker.once('message', (composed: Omit<ComposedCapture, 'png'> & { png: Uint8Array }) => {
      done({ ...composed, png: Buffer.from(composed.png.buffer, composed.png.byteOffset, composed.png.byteLength) });
      void worker.terminate();
    });
    worker.once('error', fail);
    worker.once('exit', (code) =>
      fail(new Error(`The screenshot banner could not be drawn (its worker stopped with exit code ${code}).`)),
    );
  });
}
