import { formatBytes } from '../../../shared/util/format-bytes';
import type { ReportProgress } from '../long-task';

/** An import's steps: the private copy, the content checks, the hashed copy into the store, done. */
export type ImportStep = 'copying' | 'checking' | 'storing' | 'stored';

export interface ImportProgress {
  step(step: ImportStep): void;
  /** Bytes copied in the current step. */
  bytes(n: number): void;
}

/**
 * One import's progress in bytes: the file is read twice (copied into the workspace's temp
 * folder, then hashed into the store), so the total is twice its size; the content check sits
 * between the two. `done` never goes back, and the last step reaches the total. With no
 * reporter (a small file) nothing is sent.
 */
export function importProgress(name: string, size: number, report: ReportProgress | null): ImportProgress {
  const total = 2 * size;
  let step: ImportStep = 'copying';
  let done = 0;
  const send = () => {
    if (!report) return;
    const messages: Record<ImportStep, string> = {
      copying: `Copying ${name} into the workspace: ${formatBytes(done)} of ${formatBytes(size)}`,
      checking: `Checking what ${name} holds`,
      storing: `Hashing and storing ${name}: ${formatBytes(done - size)} of ${formatBytes(size)}`,
      stored: `Stored ${name}`,
    };
    report({ step, done, total, message: messages[step] });
  };
  return {
    step(next) {
      step = next;
      const floor = next === 'copying' ? 0 : next === 'stored' ? total : size;
      done = Math.max(done, floor);
      send();
    },
    bytes(n) {
      const ceiling = step === 'copying' ? size : total;
      done = Math.min(ceiling, done + n);
      send();
    },
  };
}
