import { protocol } from 'electron';
import { APP_SCHEME } from '../services/app-protocol/app-url';
import { createAppProtocolHandler } from '../services/app-protocol/app-protocol-handler';

/** Must run before 'ready': app:// is a standard, secure origin of its own (fetch, module scripts, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After 'ready': serve the renderer folder under app://renderer/. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}
