import type { z } from 'zod';
import type { Person } from '../../../shared/domain/common';
import { WORKSPACE_DOCUMENTS, type WorkspaceDocumentKey } from '../../../shared/domain/workspace-documents';
import { AppError, isAppError } from '../../../shared/ipc/result';
import { EvidenceStore } from '../evidence/evidence-store';
import type { JsonDocument } from '../storage/json-document';
import { ActivityLog } from './activity-log';
import type { OpenRepairs } from './seal-on-open';
import type { WorkspaceLock } from './lock';
import type { WorkspaceState } from '../../../shared/domain/workspace-documents';
import type { WorkspaceDocuments } from './workspace-documents';

type DocKey = WorkspaceDocumentKey;

// Each document of the registry is a read-only property of the open workspace (`ws.meta`, `ws.controls` ...).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface OpenWorkspace extends Readonly<WorkspaceState> {}

/**
 * An open workspace: its documents in memory, the evidence store and the activity log.
 * Every change goes through `change`, which saves first and only then updates memory, so
 * a failed save leaves both disk and memory exactly as they were.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OpenWorkspace {
  readonly activity: ActivityLog;
  readonly evidence: EvidenceStore;
  /** What opening repaired or sealed (a crash-torn log line, records a crash left pending, sealing once). */
  repairs: OpenRepairs | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly root: string,
    private readonly docs: WorkspaceDocuments,
    private state: WorkspaceState,
    readonly lock: WorkspaceLock,
    private readonly deps: {
      now: () => Date;
      me: () => Person | null;
      appVersion: string;
      onChange: (reason: string) => void;
    },
  ) {
    for (const key of Object.keys(WORKSPACE_DOCUMENTS) as DocKey[]) {
      Object.defineProperty(this, key, { get: () => this.state[key], enumerable: true });
    }
    // Every append, including ones made outside `change` (check runs), first proves the lock is still ours.
    this.activity = new ActivityLog(root, () => lock.assertHeld(), deps.now);
    this.evidence = new EvidenceStore(root, {
      appVersion: deps.appVersion,
      now: deps.now,
      log: this.activity,
      // The record's seal: its canonical hash, its file's hash and the record itself, in the chained log.
      seal: (record, recordSha256) =>
        this.activity.append({
          at: deps.now().toISOString(),
          actor: record.capturedBy,
          action: 'evidence.added',
          target: `evidence:${record.id}`,
          summary: `Added evidence "${record.title}" (${record.id}); record SHA-256 ${recordSha256}, file SHA-256 ${record.sha256}`,
          details: { evidenceId: record.id, recordSha256, sha256: record.sha256, record },
        }),
      // Evidence files, records and repairs are refused too once another instance took the lock over.
      beforeWrite: () => lock.assertHeld(),
      // A capture or import that brings good bytes for a damaged file says so (before moving it); the damaged file is kept.
      onRepaired: (r) =>
        this.activity.append({
          at: deps.now().toISOString(),
          actor: r.by,
          action: 'evidence.repaired',
          target: `evidence:${r.evidenceId}`,
          summary: `Repaired evidence file ${r.sha256} from a new copy; the damaged file is kept at ${r.damagedFile}`,
          details: { evidenceId: r.evidenceId, sha256: r.sha256, damagedFile: r.damagedFile },
        }),
    });
  }

  /** The person changes are attributed to; the UI asks for it before the first change. */
  actor(): Person {
    const me = this.deps.me();
    if (!me) {
      throw new AppError('IDENTITY_REQUIRED', 'Tell the workbench who you are before making changes.', {
        hint: 'Enter your name and email under Team; every change is attributed to you in the activity log.',
      });
    }
    return me;
  }

  /**
   * Saves a new version of one document, then records the activity. Changes are serialised so
   * two quick edits cannot interleave their read-modify-write.
   */
  change<K extends DocKey>(
    key: K,
    update: (current: WorkspaceState[K]) => z.input<WorkspaceDocuments[K] extends JsonDocument<infer S> ? S : never>,
    activity: { action: string; target?: string; summary: string; details?: Record<string, unknown> },
  ): Promise<WorkspaceState[K]> {
    const run = async () => {
      const actor = this.actor();
      // Saves write whole documents: after a take-over elsewhere this one would erase that instance's changes.
      await this.lock.assertHeld();
      const doc = this.docs[key] as JsonDocument<z.ZodType>;
      const previous = this.state[key];
      const next = (await doc.save(update(previous))) as WorkspaceState[K];
      try {
        await this.activity.append({ at: this.deps.now().toISOString(), actor, ...activity });
      } catch (error) {
        // A change is recorded with its log line or not at all: the previous version goes back.
        const why = (error as Error).message;
        const undone = await doc.save(previous).then(
          () => true,
          () => false,
        );
        if (undone) {
          throw new AppError('SAVE_FAILED', `Your change was not saved: the activity log could not record it. ${why}`, {
            hint: `${isAppError(error) && error.hint ? `${error.hint} ` : ''}The previous state is intact; make the change again once the log can be written.`,
            details: { action: activity.action },
            cause: error,
          });
        }
        this.state = { ...this.state, [key]: next };
        this.deps.onChange(activity.action);
        // Putting the previous version back failed too: the change is on disk, and saying so is the truth.
        throw new AppError(
          'ACTIVITY_NOT_LOGGED',
          `Your change was saved, but the activity log could not record it, and undoing it failed: ${why}`,
          {
            hint: 'Free disk space or fix the folder permissions; later changes are logged again once writing works.',
            details: { action: activity.action },
            cause: error,
          },
        );
      }
      this.state = { ...this.state, [key]: next };
      this.deps.onChange(activity.action);
      return next;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Records something that changed no document (a collection run, an export). */
  async record(activity: {
    action: string;
    target?: string;
    summary: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await this.activity.append({ at: this.deps.now().toISOString(), actor: this.actor(), ...activity });
    this.deps.onChange(activity.action);
  }
}
