/**
 * Builds index.pdf in short-lived processes, in two jobs. `layout`: pdfmake lays the document
 * out in parts (render.ts); it holds a part's layout in memory (roughly 50 KB per table row)
 * and blocks its thread for seconds on large workspaces. `join`: pdf-lib joins the parts and
 * numbers the pages, in a fresh process, so the layout's memory (returned to the system when
 * that process exits) and the joined document are never held at once. The app's main process
 * stays responsive (progress, cancel) meanwhile.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleContent } from '../content';
import type { PdfInfo } from './info';
import { joinParts } from './join';
import { layoutParts } from './render';

/** The parts go through files in a private temporary folder, so the app's process never holds them. */
export type PdfJob = { layout: BundleContent; dir: string } | { join: { parts: number; info: PdfInfo }; dir: string };
export type PdfReply =
  { chunk: Uint8Array } | { done: true; parts: number; maxRssKB: number } | { error: string; code?: string };

export const partFile = (dir: string, i: number) => join(dir, `part-${String(i).padStart(4, '0')}.pdf`);

/** The PDF goes back in pieces: one message with all of it would copy it whole once more. */
const CHUNK_BYTES = 1024 * 1024;

const send = (message: PdfReply) =>
  new Promise<void>((done, fail) => process.send!(message, (error: Error | null) => (error ? fail(error) : done())));

async function run(job: PdfJob) {
  if ('layout' in job) {
    const parts = await layoutParts(job.layout);
    for (const [i, bytes] of parts.entries()) await writeFile(partFile(job.dir, i), bytes);
    await send({ done: true, parts: parts.length, maxRssKB: process.resourceUsage().maxRSS });
    return;
  }
  const files = Array.from({ length: job.join.parts }, (_, i) => partFile(job.dir, i));
  const pdf = await joinParts(files, (file) => readFile(file), job.join.info);
  for (let at = 0; at < pdf.length; at += CHUNK_BYTES) await send({ chunk: pdf.subarray(at, at + CHUNK_BYTES) });
  await send({ done: true, parts: 0, maxRssKB: process.resourceUsage().maxRSS });
}

process.once('message', (job: PdfJob) => {
  run(job).then(
    () => process.exit(0),
    // The errno travels too: a full disk beside the bundle is said as such (export-bundle.ts failure()).
    (error: NodeJS.ErrnoException) =>
      process.send!({ error: error.message, ...(error.code ? { code: error.code } : {}) }, () => process.exit(1)),
  );
});
