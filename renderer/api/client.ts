import type { Api } from '../../shared/ipc/create-api';

declare global {
  interface Window {
    /** Built from the shared contract by the preload (or the UI test bridge). */
    api: Api;
  }
}

export const api = (): Api => window.api;
