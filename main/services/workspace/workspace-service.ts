import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Person } from '../../../shared/domain/common';
import {
  CheckSettings,
  type AwsSettings,
  NewWorkspaceInput,
  WORKSPACE_SCHEMA_VERSION,
  type WorkspaceMeta,
} from '../../../shared/domain/workspace';
import type { RecentWorkspace, WorkspaceSnapshot } from '../../../shared/ipc/channels/workspace';
import { AppError, isAppError } from '../../../shared/ipc/result';
import { RESTORABLE_FILES } from '../../../shared/domain/workspace-documents';
import type { Logger } from '../logger';
import { ensureInstallId, rememberWorkspace, type PreferencesStore } from '../preferences/preferences';
import { saveFailure } from '../storage/atomic-write';
import { entryKind, readRegular, writeAtomic } from '../storage/workspace-files';
import { BACKUP_DIR, backupPath } from '../storage/json-document';
import { ActivityLog } from './activity-log';
import { WorkspaceLock, type HostInfo } from './lock';
import { OpenWorkspace } from './open-workspace';
import { loadWorkspaceState, workspaceDocuments, writeNewWorkspace } from './workspace-documents';
import { repairAndSeal } from './seal-on-open';

export interface WorkspaceServiceDeps {
  preferences: PreferencesStore;
  host: HostInfo;
  now: () => Date;
  appVersion: string;
  logger: Logger;
  /** Tells the renderer to refresh; the composition root wires it to the push event. */
  onChange: (reason: string) => void;
}

/** Who an entry is attributed to when this app has no identity yet (restoring runs before any workspace opens). */
export const UNKNOWN_ACTOR = { name: 'unknown (identity not set)', email: '' };

/** Creates, opens and closes workspaces; holds the one that is open. */
export class WorkspaceService {
  private open_: OpenWorkspace | null = null;
  private readonly beforeClose: (() => Promise<void>)[] = [];
  private readonly afterOpen: ((open: OpenWorkspace) => Promise<void>)[] = [];

  constructor(private readonly deps: WorkspaceServiceDeps) {}

  /**
   * Work that holds the open workspace and writes into it in the background (a check run)
   * registers here to finish or cancel before the workspace is closed or switched.
   */
  onBeforeClose(hook: () => Promise<void>): void {
    this.beforeClose.push(hook);
  }

  /** What a workspace needs running while it is open (a sample's sandbox); a failure closes it again. */
  onAfterOpen(hook: (open: OpenWorkspace) => Promise<void>): void {
    this.afterOpen.push(hook);
  }

  current(): OpenWorkspace | null {
    return this.open_;
  }

  require(): OpenWorkspace {
    if (!this.open_) {
      throw new AppError('NO_WORKSPACE', 'No workspace is open.', {
        hint: 'Create a workspace or open an existing one first.',
      });
    }
    return this.open_;
  }

  /** The host as locks record it, with this installation's id (from the preferences unless given). */
  private lockHost(): HostInfo {
    return { ...this.deps.host, installId: this.deps.host.installId ?? ensureInstallId(this.deps.preferences) };
  }

  me(): Person | null {
    return this.deps.preferences.read().me;
  }

  recent(): RecentWorkspace[] {
    return this.deps.preferences.read().recentWorkspaces;
  }

  /** `options.sample` makes a sample company's workspace, with its sandbox's AWS settings. */
  async create(
    rawInput: NewWorkspaceInput,
    options: { sample?: { aws: AwsSettings } } = {},
  ): Promise<WorkspaceSnapshot> {
    const input = NewWorkspaceInput.parse(rawInput);
    const root = resolve(input.folder);
    await fs.mkdir(root, { recursive: true }).catch((error) => {
      throw saveFailure(join(root, 'workspace.json'), error);
    });
    const docs = workspaceDocuments(root);
    if (await docs.meta.exists()) {
      throw new AppError('WORKSPACE_EXISTS', `${root} already holds a workspace.`, {
        hint: 'Open it instead, or choose an empty folder.',
      });
    }
    const now = this.deps.now().toISOString();
    const meta: WorkspaceMeta = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      id: randomUUID(),
      companyName: input.companyName,
      systemName: input.systemName,
      auditType: 'SOC2_TYPE1',
      asOfDate: input.asOfDate,
      categories: [...new Set(['security' as const, ...input.categories])],
      createdAt: now,
      createdBy: input.me,
      checkSettings: CheckSettings.parse({}),
      aws: options.sample?.aws ?? { accountIds: [] },
      ...(options.sample ? { sample: true as const } : {}),
    };
    this.setMe(input.me);
    await writeNewWorkspace(docs, meta, { creator: input.me, now, newId: randomUUID });
    const snapshot = await this.open(root);
    await this.require().record({
      action: 'workspace.created',
      summary: `Created the workspace for ${meta.companyName} (${meta.systemName}), as of ${meta.asOfDate}`,
    });
    return snapshot;
  }

  async open(folder: string, options: { takeOverStaleLock?: boolean } = {}): Promise<WorkspaceSnapshot> {
    const root = resolve(folder);
    const docs = workspaceDocuments(root);
    if (!(await docs.meta.exists())) {
      throw new AppError(
        'WORKSPACE_NOT_FOUND',
        `${root} does not hold an Audit Workbench workspace (no workspace.json).`,
        {
          hint: 'Choose the folder you created the workspace in, or create a new workspace.',
        },
      );
    }
    if (this.open_?.root === root) return this.snapshot();
    // Load everything before taking the lock, so a damaged workspace leaves no lock behind.
    const state = await loadWorkspaceState(docs);
    const lock = new WorkspaceLock(root, this.lockHost(), this.deps.now);
    const taken = await lock.acquire({ takeOver: options.takeOverStaleLock });
    await this.close();
    this.open_ = new OpenWorkspace(root, docs, state, lock, {
      now: this.deps.now,
      me: () => this.me(),
      appVersion: this.deps.appVersion,
      onChange: this.deps.onChange,
    });
    try {
      this.open_.repairs = await repairAndSeal(root, this.open_.activity, this.deps.now);
    } catch (error) {
      // A log that cannot be written (a folder in its place, a full disk) must not keep the workspace
      // from opening: what is wrong shows on the Evidence screen, and changes are refused until fixed.
      this.deps.logger.warn('workspace: log not repaired or sealed on open', { root, error: (error as Error).message });
    }
    if (this.open_.repairs?.recovered) this.deps.logger.warn('workspace: activity log recovered', { root });
    if (this.open_.repairs?.leftovers.length)
      this.deps.logger.info('workspace: removed what a killed run left', {
        root,
        removed: this.open_.repairs.leftovers,
      });
    for (const hook of this.afterOpen) {
      try {
        await hook(this.open_);
      } catch (error) {
        await this.close();
        throw error;
      }
    }
    if (taken.tookOverFrom) {
      this.deps.logger.warn('workspace: took over lock', { root, reason: taken.reason });
      if (this.me()) {
        await this.open_.record({
          action: 'workspace.lock-taken-over',
          summary: `Opened after taking over a lock: ${taken.reason}`,
          details: { ...taken.tookOverFrom },
        });
      }
    }
    this.deps.preferences.write(
      rememberWorkspace(this.deps.preferences.read(), {
        path: root,
        companyName: state.meta.companyName,
        openedAt: this.deps.now().toISOString(),
      }),
    );
    this.deps.onChange('workspace.opened');
    return this.snapshot();
  }

  async close(): Promise<void> {
    const open = this.open_;
    // Detached first, so nothing new starts in it while the hooks wind down what is running.
    this.open_ = null;
    if (open) for (const hook of this.beforeClose) await hook();
    await open?.lock.release();
  }

  snapshot(): WorkspaceSnapshot {
    const open = this.require();
    const me = this.me();
    const member = me ? open.team.members.find((m) => m.email === me.email) : undefined;
    return { path: open.root, meta: open.meta, members: open.team.members, me, meMemberId: member?.id ?? null };
  }

  setMe(person: Person): void {
    this.deps.preferences.write({ ...this.deps.preferences.read(), me: person });
  }

  /**
   * Brings back the last-good copy of a damaged file. The damaged file is renamed, never
   * overwritten, so nothing the user might still want is lost. The workspace lock is held
   * meanwhile, so no instance that has the workspace open has its file replaced underneath it.
   * A `workspace.backup-restored` entry (who, which file, where the damaged copy went) is
   * appended to the activity log before anything is renamed: a restore is never unlogged.
   */
  async restoreBackup(
    folder: string,
    file: string,
    options: { takeOverStaleLock?: boolean } = {},
  ): Promise<{ restored: string; damagedCopy: string | null }> {
    if (!RESTORABLE_FILES.has(file)) {
      throw new AppError('INVALID_INPUT', `${file} is not a workspace document that has a backup.`, {
        hint: `The documents with a last-good copy are ${[...RESTORABLE_FILES].join(', ')}.`,
      });
    }
    const root = resolve(folder);
    if (this.open_?.root === root) {
      throw new AppError(
        'WORKSPACE_LOCKED',
        `${root} is open in this window, so ${file} cannot be replaced with its last-good copy now.`,
        {
          hint: 'Close the workspace first, then restore the file.',
        },
      );
    }
    const backup = backupPath(root, file);
    let content: Buffer;
    try {
      content = await readRegular(backup);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('NO_BACKUP', `There is no last-good copy of ${file} in ${join(root, BACKUP_DIR)}.`, {
        hint: 'Fix the file by hand, or restore the workspace folder from your own backup.',
      });
    }
    const lock = new WorkspaceLock(root, this.lockHost(), this.deps.now);
    const taken = await lock.acquire({ takeOver: options.takeOverStaleLock }).catch((error: unknown) => {
      if (!isAppError(error) || error.code !== 'WORKSPACE_LOCKED') throw error;
      throw new AppError('WORKSPACE_LOCKED', `${file} was not restored: ${error.message}`, {
        hint: error.hint,
        details: error.details,
        cause: error,
      });
    });
    if (taken.tookOverFrom)
      this.deps.logger.warn('workspace: took over lock to restore a backup', { root, reason: taken.reason });
    const damagedCopy = `${file}.damaged-${this.deps.now().toISOString().replace(/[:.]/g, '-')}`;
    let present: boolean;
    try {
      present = (await entryKind(join(root, file))) !== null;
      const actor = this.me() ?? UNKNOWN_ACTOR;
      const activity = new ActivityLog(root, () => lock.assertHeld());
      await activity.append({
        at: this.deps.now().toISOString(),
        actor,
        action: 'workspace.backup-restored',
        target: `file:${file}`,
        summary: present
          ? `Restored ${file} from its last-good copy (${BACKUP_DIR}/${file}); the damaged file is kept as ${damagedCopy}`
          : `Restored ${file} from its last-good copy (${BACKUP_DIR}/${file}); the file was missing`,
        details: {
          file,
          backup: `${BACKUP_DIR}/${file}`,
          damagedCopy: present ? damagedCopy : null,
          host: this.deps.host.host,
          osUser: this.deps.host.user,
          ...(taken.tookOverFrom
            ? { lockTakenOverFrom: { ...taken.tookOverFrom }, lockTakeOverReason: taken.reason }
            : {}),
        },
      });
      await fs.rename(join(root, file), join(root, damagedCopy)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw saveFailure(join(root, file), error);
      });
      await writeAtomic(root, join(root, file), content);
    } finally {
      await lock.release();
    }
    this.deps.logger.warn('workspace: restored backup', { root, file, damagedCopy });
    return { restored: file, damagedCopy: present ? damagedCopy : null };
  }
}
