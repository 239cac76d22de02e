import { hostname, userInfo } from 'node:os';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { ControlsService } from './controls/controls-service';
import type { Logger } from './logger';
import type { PreferencesStore } from './preferences/preferences';
import { TeamService } from './team/team-service';
import { isProcessAlive, type HostInfo } from './workspace/lock';
import { WorkspaceService } from './workspace/workspace-service';

/** Side effects the services need from their host: Electron, the CLI or a test. */
export interface Adapters {
  preferences: PreferencesStore;
  /** Folder picker; null when the user cancels. */
  pickFolder(purpose: 'create' | 'open'): Promise<string | null>;
  /** Opens an https URL in the system browser. */
  openExternal(url: string): Promise<void>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface ServiceOptions {
  adapters: Adapters;
  logger: Logger;
  appVersion: string;
  now?: () => Date;
  host?: HostInfo;
}

export const defaultHost = (): HostInfo => ({ host: hostname(), pid: process.pid, user: userInfo().username, isProcessAlive });

/**
 * The composition root shared by the Electron main process, the CLI and the tests: every
 * service built once, with its dependencies passed in.
 */
export function createServices(options: ServiceOptions) {
  const now = options.now ?? (() => new Date());
  const { adapters, logger, appVersion } = options;
  const workspaces = new WorkspaceService({
    preferences: adapters.preferences,
    host: options.host ?? defaultHost(),
    now,
    appVersion,
    logger,
    onChange: (reason) => adapters.emit('workspace.changed', { reason }),
  });
  const team = new TeamService(workspaces);
  const controls = new ControlsService(workspaces);
  return { adapters, logger, appVersion, now, workspaces, team, controls };
}

export type Services = ReturnType<typeof createServices>;
