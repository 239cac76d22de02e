import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

/**
 * Log lines appended to a file in the app's log folder (and echoed to stderr), so the cause
 * of an unexpected failure can be found after the fact. Past `maxBytes` the file is moved to
 * `<file>.1` (replacing the previous one): the log never grows without bound. A log that
 * cannot be written never breaks the app; the line still reaches stderr.
 */
export function fileLogSink(
  path: string,
  { maxBytes = 5 * 1024 * 1024, echo = true }: { maxBytes?: number; echo?: boolean } = {},
): LogSink {
  let ready = false;
  return (line) => {
    if (echo) process.stderr.write(`${line}\n`);
    try {
      if (!ready) {
        mkdirSync(dirname(path), { recursive: true });
        ready = true;
      }
      const size = (() => {
        try {
          return statSync(path).size;
        } catch {
          return 0;
        }
      })();
      if (size > 0 && size + line.length + 1 > maxBytes) renameSync(path, `${path}.1`);
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    } catch (error) {
      if (echo) process.stderr.write(`log file ${path} not written: ${(error as Error).message}\n`);
    }
  };
}
