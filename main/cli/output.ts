import { AwsRegion } from '../../shared/domain/aws';
import { AppError, isAppError } from '../../shared/ipc/result';
import { forCommandLine } from './cli-hints';
import { safeLines } from '../services/security/safe-text';

/** Where a command writes: the real process streams, or buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when `err` reaches a terminal: progress lines are printed only then. */
  readonly errIsTty?: boolean;
}

/** Every line printed is made safe first: a secret-shaped value or a terminal escape never reaches the terminal. */
const line = (text: string) => {
  const safe = safeLines(text);
  return safe.endsWith('\n') ? safe : `${safe}\n`;
};

export const processIo: CliIo = {
  out: (text) => process.stdout.write(line(text)),
  err: (text) => process.stderr.write(line(text)),
  get errIsTty() {
    return process.stderr.isTTY === true;
  },
};

/** Thrown for wrong arguments: the dispatcher prints the usage and exits with 2. */
export class UsageError extends Error {}

/**
 * A failure as people read it (message, then what to do), or as JSON with the stable code.
 * Never a stack trace: unexpected errors are named, not dumped.
 */
export function reportError(e: unknown, io: CliIo, json: boolean): number {
  const err = forCommandLine(
    isAppError(e) ? e : new AppError('INTERNAL', `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`),
  );
  // AWS's own words, when kept: what AWS support and search engines know the error by.
  const awsMessage = typeof err.details?.awsMessage === 'string' ? err.details.awsMessage : undefined;
  if (json)
    io.out(
      JSON.stringify(
        {
          error: {
            code: err.code,
            message: err.message,
            ...(err.hint ? { hint: err.hint } : {}),
            ...(awsMessage ? { awsMessage } : {}),
          },
        },
        null,
        2,
      ),
    );
  else
    io.err(
      `Error: ${err.message}${err.hint ? `\n${err.hint}` : ''}${awsMessage ? `\nAWS said: ${awsMessage}` : ''}  [${err.code}]`,
    );
  return 1;
}

/** `--region` checked as the app's IPC layer checks it, before anything is called. */
export function regionOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = AwsRegion.safeParse(value);
  if (!parsed.success)
    throw new UsageError(
      `--region "${value}" is not a region: ${parsed.error.issues[0]?.message ?? 'use a region code like us-east-1'}.`,
    );
  return parsed.data;
}

/** Left-aligned columns, for terminal tables. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
