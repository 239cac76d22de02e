import { basename, dirname, join } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type {
  ExportOptionsInput,
  ExportResultView,
  PreflightReport,
  VerifyReportView,
} from '../../../shared/ipc/channels/export';
import { AppError } from '../../../shared/ipc/result';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import type { Logger } from '../logger';
import type { SshSigning } from '../signing/ssh-signing';
import { bundleSigner } from './bundle-signature';
import type { SignOffKeys } from '../reviews/sign-off-keys';
import type { WorkspaceService } from '../workspace/workspace-service';
import { resolveOptions } from './bundle-model';
import { exportBundle, type ExportProgress } from './export-bundle';
import { slugify } from './layout';
import { preflight } from './preflight';
import { formatBytes } from '../../../shared/util/format-bytes';
import { verifyBundle, verifyProgressMessage } from './verify';
import { LongTask, type ProgressEvent } from '../long-task';

export interface ExportServiceDeps {
  workspaces: WorkspaceService;
  signing: SshSigning;
  signOffKeys: SignOffKeys;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  pickFile?(purpose: 'save-bundle' | 'open-bundle', defaultPath?: string): Promise<string | null>;
  appVersion: string;
  now: () => Date;
  logger: Logger;
}

const STEP_LABELS: Record<ExportProgress['step'], string> = {
  preparing: 'Reading the workspace',
  documents: 'Writing index.pdf, index.html, CSV files and manifest',
  evidence: 'Adding evidence files',
  verifying: 'Verifying the finished bundle',
};

/** Export, pre-flight and verify for the open workspace, with progress events and cancel. */
export class ExportService {
  private readonly exporting: LongTask;
  private readonly verifying: LongTask;

  constructor(private readonly deps: ExportServiceDeps) {
    const emit = (p: ProgressEvent) => deps.emit('progress', p);
    this.exporting = new LongTask({
      task: 'export',
      emit,
      cancelled: () => new AppError('CANCELLED', 'The export was cancelled.'),
      busy: () =>
        new AppError('CONFLICT', 'An export is already running.', {
          hint: 'Wait for it to finish, or cancel it first.',
        }),
    });
    this.verifying = new LongTask({
      task: 'verify',
      emit,
      cancelled: () => new AppError('CANCELLED', 'Verification cancelled — nothing was changed.'),
    });
  }

  private context() {
    const ws = this.deps.workspaces.require();
    return { ws, preparedBy: this.deps.workspaces.me() ?? ws.meta.createdBy };
  }

  async preflight(input: ExportOptionsInput & { fresh?: boolean }): Promise<PreflightReport> {
    const { ws, preparedBy } = this.context();
    return preflight(ws, resolveOptions(ws.meta, input), {
      fresh: input.fresh ?? false,
      preparedBy,
      now: this.deps.now(),
      appVersion: this.deps.appVersion,
      signOffKeys: this.deps.signOffKeys,
    });
  }

  suggestPath(input: ExportOptionsInput): string {
    const { ws } = this.context();
    return join(
      dirname(ws.root),
      `${slugify(ws.meta.companyName, 40)}-soc2-type1-${input.asOfDate ?? ws.meta.asOfDate}.zip`,
    );
  }

  async pick(purpose: 'save-bundle' | 'open-bundle', defaultPath?: string): Promise<string | null> {
    if (!this.deps.pickFile) return null;
    return this.deps.pickFile(purpose, defaultPath);
  }

  async run(input: ExportOptionsInput & { outPath: string }, sign?: SigningKeyChoice): Promise<ExportResultView> {
    const { ws, preparedBy } = this.context();
    return this.exporting.run(async (signal, progress) => {
      const onProgress = (p: ExportProgress) =>
        progress({
          step: p.step,
          done: p.bytesDone,
          total: p.bytesTotal,
          message: `${STEP_LABELS[p.step]}: ${p.filesDone} of ${p.filesTotal} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`,
        });
      const signer = sign ? await bundleSigner(this.deps.signing, sign) : undefined;
      const result = await exportBundle(ws, {
        signer,
        signOffKeys: this.deps.signOffKeys,
        outPath: input.outPath,
        options: resolveOptions(ws.meta, input),
        preparedBy,
        appVersion: this.deps.appVersion,
        now: this.deps.now,
        signal,
        onProgress,
        onLeftoversRemoved: (names) =>
          this.deps.logger.info('export: removed what killed exports left beside the target', { names }),
      });
      progress({ step: 'done', done: 1, total: 1, message: `Exported ${basename(result.path)}` });
      await this.recordExport(result).catch((error) =>
        this.deps.logger.warn('export: activity not recorded', { error: (error as Error).message }),
      );
      return result;
    });
  }

  /** Cancels a running export and waits until it has stopped: the workspace closes after. */
  async stop(): Promise<void> {
    await this.exporting.stop();
  }

  cancel(): { cancelled: boolean } {
    return this.exporting.cancel();
  }

  /** Read-only: a cancel stops the hashing and rejects with CANCELLED ("nothing was changed"). */
  async verify(path: string, expectedSeal?: string): Promise<VerifyReportView> {
    return this.verifying.run((signal, progress) =>
      verifyBundle(path, {
        expectedSeal,
        signing: this.deps.signing,
        signal,
        onProgress: (p) =>
          progress({
            step: 'hashing',
            done: p.bytesDone,
            total: p.bytesTotal,
            message: verifyProgressMessage(p),
          }),
      }),
    );
  }

  cancelVerify(): { cancelled: boolean } {
    return this.verifying.cancel();
  }

  /** The export reads the workspace only; this one activity line is its sole trace there. */
  private async recordExport(result: ExportResultView) {
    const ws = this.deps.workspaces.current();
    if (!ws || !this.deps.workspaces.me()) return;
    await ws.record({
      action: 'bundle.exported',
      summary: `Exported the auditor bundle ${basename(result.path)} (${result.evidenceFiles} evidence files, fingerprint ${result.fingerprint.slice(0, 16)}…, seal ${result.seal.slice(0, 16)}…${result.signature ? `, signed with ${result.signature.keyType} key ${result.signature.fingerprint}` : ', not signed'})`,
      // The full seal, so a bundle that comes back can be checked against the one sent.
      details: {
        path: result.path,
        fingerprint: result.fingerprint,
        seal: result.seal,
        files: result.files,
        ...(result.signature ? { signedWith: result.signature.fingerprint } : {}),
      },
    });
  }
}
