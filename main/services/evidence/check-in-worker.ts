import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { ContentFacts } from './content-checks';
import type { ContentJob, ContentReply } from './syntax-worker';

/** The worker's heap: a check keeps at most a nesting stack and one CSV record, far below this. */
const WORKER_HEAP_MB = 256;
/** A check reads the file once; this leaves room for a slow disk yet ends anything stuck. */
export const DEFAULT_CHECK_DEADLINE_MS = 120_000;

export type CheckOutcome = { ok: true; facts: ContentFacts } | { ok: false; message: string; hint: string };

/**
 * Runs the check in a worker thread with a heap limit and a deadline; past the deadline (or out
 * of memory) the worker is terminated and the file refused with that reason. Aborted, the worker
 * is terminated and the promise rejects with the signal's reason.
 */
export function checkContentInWorker(
  job: ContentJob,
  deadlineMs = DEFAULT_CHECK_DEADLINE_MS,
  signal?: AbortSignal,
): Promise<CheckOutcome> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  const entry = workerEntry(__dirname, 'syntax-worker', 'syntax-worker.ts');
  const worker = new Worker(entry.file, {
    workerData: job,
    execArgv: entry.execArgv,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: CheckOutcome | { cancelled: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if ('cancelled' in outcome) reject(outcome.cancelled);
      else resolve(outcome);
    };
    const onAbort = () => settle({ cancelled: signal!.reason });
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () =>
        settle({
          ok: false,
          message: `checking it took longer than ${Math.round(deadlineMs / 1000)} seconds, so it was stopped.`,
          hint: 'Split the file into smaller ones, or export only the part the auditor needs.',
        }),
      deadlineMs,
    );
    worker.once('message', (reply: ContentReply) => settle(reply));
    worker.once('error', (error) =>
      settle({
        ok: false,
        message: /memory/i.test(error.message)
          ? `checking it needed more than ${WORKER_HEAP_MB} MB of memory, so it was stopped.`
          : `it could not be checked (${error.message}).`,
        hint: 'Split the file into smaller ones, or export only the part the auditor needs.',
      }),
    );
    worker.once('exit', (code) =>
      settle({
        ok: false,
        message: `it could not be checked (the check stopped with code ${code}).`,
        hint: 'Try again.',
      }),
    );
  });
}
