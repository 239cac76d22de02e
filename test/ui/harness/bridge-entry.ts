import { createApi } from '../../../shared/ipc/create-api';
import type { Result } from '../../../shared/ipc/result';

/**
 * The UI tests' stand-in for the preload: the same `createApi` over a Playwright binding
 * instead of ipcRenderer. Main-side code (router, services) runs in the test process.
 */
declare global {
  interface Window {
    __awInvoke(channel: string, input: unknown): Promise<Result<unknown>>;
    __awEmit(event: string, payload: unknown): void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();

window.__awEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));

const api = createApi({
  invoke: (channel, input) => window.__awInvoke(channel, input),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});

Object.defineProperty(window, 'api', { value: api, writable: false, configurable: false });
