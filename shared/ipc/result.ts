import type { ErrorCode } from './errors';

/** What crosses IPC instead of a thrown error: people read `message` and `hint`. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** Machine-readable extras (file name, missing permission...), never secrets. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): Result<never> => ({ ok: false, error });

/**
 * Thrown inside main-process services; the IPC router and the CLI turn it into a
 * `Result` failure so nothing throws across the boundary.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
