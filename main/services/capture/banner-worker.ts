/**
 * Draws a capture's banner off the main thread: decoding, drawing and re-encoding a tall page
 * takes up to a second, which on Electron's main thread would freeze every window meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { composeBanner, type BannerFields } from './banner';

export interface BannerJob {
  pagePng: Uint8Array;
  fields: BannerFields;
  scale: number;
}

const job = workerData as BannerJob;
const composed = composeBanner(job.pagePng, job.fields, job.scale);
const png = new Uint8Array(composed.png.buffer, composed.png.byteOffset, composed.png.byteLength);
// Transfer the PNG's memory instead of copying it, unless it shares Node's buffer pool (small images).
const owned = png.byteOffset === 0 && png.byteLength === png.buffer.byteLength;
parentPort!.postMessage({ ...composed, png }, owned ? [png.buffer as ArrayBuffer] : []);
