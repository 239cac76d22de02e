import type { Api } from '../../shared/ipc/create-api';
import type { AppErrorData, Result } from '../../shared/ipc/result';

declare global {
  interface Window {
    /** Built from the shared contract by the preload (or the UI test bridge). */
    api: Api;
  }
}

export const api = (): Api => window.api;

/** Thrown by `unwrap` so components can show `message` and `hint` from main. */
export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
  }
}

export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const errorData = (error: unknown): AppErrorData =>
  error instanceof ApiError
    ? error.data
    : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
