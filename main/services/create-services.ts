import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { AwsService, type AwsServiceOptions } from './aws/aws-service';
import { WorkspaceAwsSettings } from './aws/workspace-aws';
import { RegionsService } from './aws/regions-service';
import { mapAwsError } from './aws/errors';
import type { CaptureAdapter } from './capture/capture-adapter';
import { CaptureService } from './capture/capture-service';
import type { Partition, PartitionEndpoints } from './capture/partitions';
import { EvidenceService } from './evidence/evidence-service';
import { ExportService } from './export/export-service';
import { ImportService } from './evidence/import';
import { AwsReportReviewService } from './reviews/aws-report-review-service';
import { AccessReviewService } from './access-reviews/access-review-service';
import { ChecksService, type ChecksServiceDeps } from './collectors/checks-service';
import { ControlsService } from './controls/controls-service';
import { RequestsService } from './requests/requests-service';
import { EvidenceRequestsService } from './evidence-requests/evidence-requests-service';
import type { Logger } from './logger';
import type { PreferencesStore } from './preferences/preferences';
import { SshSigning, type SshSigningOptions } from './signing/ssh-signing';
import { SampleCompanyService } from './sample/sample-company-service';
import { TeamService } from './team/team-service';
import { isProcessAlive, type HostInfo } from './workspace/lock';
import { WorkspaceService } from './workspace/workspace-service';
import { SignOffKeys } from './reviews/sign-off-keys';
import { AboutService } from './app-info/about-service';
import { DiagnosticsService } from './diagnostics/diagnostics-service';

/** Side effects the services need from their host: Electron, the CLI or a test. */
export interface Adapters {
  preferences: PreferencesStore;
  /** Folder picker; null when the user cancels. */
  pickFolder(purpose: 'create' | 'open'): Promise<string | null>;
  /** Opens an https URL in the system browser. */
  openExternal(url: string): Promise<void>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Capture windows (Electron, or Playwright pages in UI tests); absent in the CLI. */
  capture?: CaptureAdapter;
  /** File picker for evidence imports; null when the user cancels. */
  pickFiles?(): Promise<string[] | null>;
  /** Open dialog for the AWS SOC 2 report PDF under review; null when the user cancels. */
  pickReportFile?(): Promise<string | null>;
  /** Open dialog for the audit firm's request list (CSV or XLSX); null when the user cancels. */
  pickRequestList?(): Promise<string | null>;
  /** Save / open dialog for auditor bundles; null when the user cancels. */
  /** Open dialog for a private SSH key file to sign with; null when the user cancels. */
  pickSigningKey?(): Promise<string | null>;
  pickFile?(purpose: 'save-bundle' | 'open-bundle' | 'save-diagnostics', defaultPath?: string): Promise<string | null>;
}

export interface ServiceOptions {
  adapters: Adapters;
  logger: Logger;
  appVersion: string;
  now?: () => Date;
  host?: HostInfo;
  /** AWS client timeouts and sign-in pacing (tests speed the polling up). */
  aws?: Omit<AwsServiceOptions, 'openExternal'>;
  /** Evidence import size limit (default 200 MB); tests only: stand-in sign-in/console hosts and http web origins. */
  evidence?: {
    importMaxBytes?: number;
    captureEndpoints?: Partial<Record<Partition, PartitionEndpoints>>;
    insecureWebOrigins?: string[];
  };
  /** Versions and the license list for About (the app passes Electron's; the default is this process's). */
  about?: { versions?: NodeJS.ProcessVersions; licensesFile?: string };
  /** The log folder the diagnostics ZIP takes its logs from (the app's logs folder; none elsewhere). */
  logDir?: string;
  /** Credential report polling, retry and request timeout settings (tests shorten the waits). */
  /** Which ssh-agent and ssh-keygen signing uses (tests start their own agent). */
  signing?: SshSigningOptions;
  checks?: Pick<ChecksServiceDeps, 'poll' | 'maxAttempts' | 'concurrency' | 'requestTimeoutMs' | 'timeoutRetries'>;
}

export const defaultHost = (): HostInfo => ({
  host: hostname(),
  pid: process.pid,
  user: userInfo().username,
  isProcessAlive,
});

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
  const team = new TeamService(workspaces, now);
  const controls = new ControlsService(workspaces, now);
  const aws = new AwsService({ logger, ...options.aws, openExternal: (url) => adapters.openExternal(url) });
  const awsWorkspace = new WorkspaceAwsSettings(workspaces, aws);
  const regions = new RegionsService({ workspaces, aws, now });
  const evidence = new EvidenceService(workspaces, now);
  const evidenceRequests = new EvidenceRequestsService({ workspaces, evidence, now });
  const imports = new ImportService({
    workspaces,
    pickFiles: async () => (adapters.pickFiles ? adapters.pickFiles() : null),
    emit: (progress) => adapters.emit('progress', progress),
    ...(options.evidence?.importMaxBytes ? { maxBytes: options.evidence.importMaxBytes } : {}),
  });
  const capture = new CaptureService({
    workspaces,
    ...(adapters.capture ? { adapter: adapters.capture } : {}),
    aws: {
      whoami: (profile, region) => aws.whoami(profile, region),
      credentials: (profile) =>
        aws.clients
          .credentials(profile)()
          .catch((e) => Promise.reject(mapAwsError(e, { profile }))),
    },
    logger,
    now,
    onWindowsChanged: () => adapters.emit('workspace.changed', { reason: 'capture.windows' }),
    // The sample's console while a sample workspace is open (sample is built below, asked later).
    endpoints: () => sample.captureEndpoints() ?? options.evidence?.captureEndpoints,
    ...(options.evidence?.insecureWebOrigins ? { insecureWebOrigins: options.evidence.insecureWebOrigins } : {}),
  });
  const signing = new SshSigning(options.signing);
  const signOffKeys = new SignOffKeys(signing);
  const exports = new ExportService({
    workspaces,
    signing,
    signOffKeys,
    emit: (event, payload) => adapters.emit(event, payload),
    pickFile: async (purpose, defaultPath) => (adapters.pickFile ? adapters.pickFile(purpose, defaultPath) : null),
    appVersion,
    now,
    logger,
  });
  const awsReport = new AwsReportReviewService({
    workspaces,
    now,
    pickReportFile: async () => (adapters.pickReportFile ? adapters.pickReportFile() : null),
    signOffKeys,
  });
  const requests = new RequestsService({
    workspaces,
    now,
    pickFile: async () => (adapters.pickRequestList ? adapters.pickRequestList() : null),
  });
  const accessReview = new AccessReviewService({
    workspaces,
    signOffKeys,
    aws,
    appVersion,
    now,
    ...(options.checks?.poll ? { poll: options.checks.poll } : {}),
  });
  const checks = new ChecksService({
    workspaces,
    aws,
    appVersion,
    now,
    emitProgress: (p) => adapters.emit('checks.progress', p),
    onChange: (reason) => adapters.emit('workspace.changed', { reason }),
    ...options.checks,
  });
  const about = new AboutService({
    appVersion,
    versions: options.about?.versions ?? process.versions,
    platform: process.platform,
    arch: process.arch,
    licensesFile: options.about?.licensesFile ?? resolve('out', 'licenses.json'),
  });
  const diagnostics = new DiagnosticsService({
    about,
    logDir: options.logDir ?? '',
    workspaceRoot: () => workspaces.current()?.root ?? null,
    listProfiles: () => aws.listProfiles(),
    pickFile: async (defaultName) => (adapters.pickFile ? adapters.pickFile('save-diagnostics', defaultName) : null),
    now,
  });
  // Runs and exports read and write the workspace they started in: they are cancelled and
  // finish before that workspace closes.
  workspaces.onBeforeClose(() => checks.stop());
  workspaces.onBeforeClose(() => exports.stop());
  workspaces.onBeforeClose(() => imports.stop());
  // A sample company's sandbox runs only while its workspace is open, and stops after the work in it.
  const sample = new SampleCompanyService({ workspaces, team, controls, aws, checks, now });
  workspaces.onAfterOpen((open) => sample.workspaceOpened(open));
  workspaces.onBeforeClose(() => sample.stop());
  return {
    adapters,
    logger,
    appVersion,
    now,
    workspaces,
    team,
    controls,
    aws,
    awsWorkspace,
    regions,
    evidence,
    evidenceRequests,
    imports,
    capture,
    exports,
    checks,
    awsReport,
    requests,
    signing,
    about,
    diagnostics,
    accessReview,
    sample,
  };
}

export type Services = ReturnType<typeof createServices>;
