/**
 * Runs one content check of an import off the main thread (see check-in-worker.ts): a large or
 * hostile file costs this thread's time and memory, never the window's responsiveness.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkOffice, checkText, ContentRefused, type CheckedType } from './content-checks';

export interface ContentJob {
  path: string;
  type: CheckedType;
  label: string;
}
export type ContentReply =
  { ok: true; facts: import('./content-checks').ContentFacts } | { ok: false; message: string; hint: string };

const job = workerData as ContentJob;
const check =
  job.type === 'xlsx' || job.type === 'docx'
    ? checkOffice(job.path, job.type, job.label)
    : checkText(job.path, job.type, job.label);
check.then(
  (facts) => parentPort!.postMessage({ ok: true, facts } satisfies ContentReply),
  (error: Error) =>
    parentPort!.postMessage({
      ok: false,
      message: error instanceof ContentRefused ? error.message : `it could not be checked (${error.message}).`,
      hint:
        error instanceof ContentRefused
          ? error.hint
          : 'Check that it still exists and that you may open it, then try again.',
    } satisfies ContentReply),
);
