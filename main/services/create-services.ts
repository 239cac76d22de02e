import { hostname, userInfo } from 'node:os';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { AwsService, type AwsServiceOptions } from './aws/aws-service';
import { WorkspaceAwsSettings } from './aws/workspace-aws';
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
  /** AWS client timeouts and sign-in pacing (tests speed the polling up). */
  aws?: Omit<AwsServiceOptions, 'openExternal'>;
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
  const aws = new AwsService({ ...options.aws, openExternal: (url) => adapters.openExternal(url) });
  const awsWorkspace = new WorkspaceAwsSettings(workspaces);
  return { adapters, logger, appVersion, now, workspaces, team, controls, aws, awsWorkspace };
}

export type Services = ReturnType<typeof createServices>;
