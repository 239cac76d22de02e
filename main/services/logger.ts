import { safeLine, safeValue } from './security/safe-text';

/**
 * A tiny structured logger. Callers pass facts, never credentials: the AWS services scrub
 * their own errors before logging, and `redact` removes anything named or shaped like a secret.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

const SECRET_KEYS = /secret|token|password|credential|session/i;

export function redact(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : safeValue(v)]),
  );
}

export function createLogger(scope: string, sink: LogSink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    sink(JSON.stringify({ at: new Date().toISOString(), level, scope, message: safeLine(message), ...redact(fields) }));
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
