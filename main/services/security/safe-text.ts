import { escapeControls, escapeControlsKeepLines } from '../../../shared/text/escape-controls';
import type { AppErrorData } from '../../../shared/ipc/result';
import { redactByShape } from './redact';

/**
 * What every message passes through on its way out (IPC errors, the CLI's output, log lines):
 * secret-shaped values redacted, control and bidirectional characters made visible. Applied
 * where text leaves the main process, so no service has to remember it.
 */
export const safeLine = (text: string): string => escapeControls(redactByShape(text));
export const safeLines = (text: string): string => escapeControlsKeepLines(redactByShape(text));

const MAX_DEPTH = 8;

/** Every string inside a value (error details, log fields), made safe the same way. */
export function safeValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return safeLine(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => safeValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeValue(v, depth + 1)]));
}

export function safeErrorData(error: AppErrorData): AppErrorData {
  return {
    code: error.code,
    message: safeLine(error.message),
    ...(error.hint !== undefined ? { hint: safeLine(error.hint) } : {}),
    ...(error.details !== undefined ? { details: safeValue(error.details) as Record<string, unknown> } : {}),
  };
}
