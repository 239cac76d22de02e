import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { readRegularText, writeAtomic } from '../storage/workspace-files';

export const LOCK_FILE = '.workbench.lock';
/** A lock is a few hundred bytes; anything larger was not written by the workbench. */
const LOCK_MAX_BYTES = 64 * 1024;

export interface LockOwner {
  host: string;
  pid: number;
  user: string;
  since: string;
  instanceId: string;
  /** The installation that holds the lock (absent in locks written before it was recorded). */
  installId?: string;
}

export interface HostInfo {
  host: string;
  pid: number;
  user: string;
  /** This installation's random id (kept in the app's preferences); hostnames alone can repeat. */
  installId?: string;
  /** Whether a process with this id runs on this host; injectable so tests stay honest. */
  isProcessAlive(pid: number): boolean;
}

export function isProcessAlive(pid: number): boolean {
  // kill(0, …) signals our own process group and kill(-1, …) every process we may signal: both
  // "succeed", yet neither names one process. A lock naming them (or any non-positive or
  // non-integer pid) was not written by a running app.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One app instance writes a workspace at a time. A lock left by a crashed process of this
 * installation (same host name and install id, its pid gone) is recognised and taken over; a
 * lock held elsewhere, or by a computer that only shares this one's name, is explained and
 * taken over only on request.
 */
export class WorkspaceLock {
  readonly instanceId = randomUUID();
  private held = false;

  constructor(
    private readonly root: string,
    private readonly host: HostInfo,
    private readonly now: () => Date,
  ) {}

  private get path() {
    return join(this.root, LOCK_FILE);
  }

  async acquire(options: { takeOver?: boolean } = {}): Promise<{ tookOverFrom?: LockOwner; reason?: string }> {
    const mine: LockOwner = {
      host: this.host.host,
      pid: this.host.pid,
      user: this.host.user,
      since: this.now().toISOString(),
      instanceId: this.instanceId,
      ...(this.host.installId ? { installId: this.host.installId } : {}),
    };
    const body = `${JSON.stringify(mine, null, 2)}\n`;
    if (await this.createExclusively(body)) {
      this.held = true;
      return {};
    }
    const owner = await this.readOwner();
    if (owner === null && !options.takeOver) {
      throw new AppError(
        'WORKSPACE_LOCKED',
        `The workspace lock file ${LOCK_FILE} in ${this.root} cannot be read, so it is unclear who has the workspace open.`,
        {
          hint: 'If no other Audit Workbench has this workspace open, choose "Take over" to open it here.',
          details: { file: LOCK_FILE },
        },
      );
    }
    // Only this installation's own lock can be judged by its pid: another computer may share the host name.
    const sameInstall = owner !== null && this.isThisInstall(owner);
    const stale = owner !== null && sameInstall && !this.host.isProcessAlive(owner.pid);
    if (owner !== null && !stale && !options.takeOver) {
      const sameName = !sameInstall && owner.host === this.host.host;
      const where = sameInstall
        ? 'this computer'
        : sameName
          ? `a computer named "${owner.host}", the same name as this one`
          : `"${owner.host}"`;
      throw new AppError(
        'WORKSPACE_LOCKED',
        `This workspace is open in another Audit Workbench on ${where} (user ${owner.user}, since ${owner.since}).`,
        {
          hint: sameInstall
            ? 'Close the other window first, then open the workspace again.'
            : sameName
              ? 'Another computer (or another installation of Audit Workbench) with the same name may still be using it. If none is (for example it crashed), choose "Take over" to open it here.'
              : `If ${owner.host} is no longer using it (for example it crashed or the folder was copied), choose "Take over" to open it here.`,
          details: { host: owner.host, since: owner.since, user: owner.user, pid: owner.pid },
        },
      );
    }
    await writeAtomic(this.root, this.path, body);
    this.held = true;
    return {
      tookOverFrom: owner ?? undefined,
      reason:
        owner === null
          ? 'the lock file was unreadable'
          : stale
            ? `process ${owner.pid} on ${owner.host} is no longer running`
            : 'taken over on request',
    };
  }

  /** Same host name and same install id; a lock without an install id (older app) never matches. */
  private isThisInstall(owner: LockOwner): boolean {
    return owner.host === this.host.host && !!this.host.installId && owner.installId === this.host.installId;
  }

  /**
   * Creates the lock with its content in one step: written to a private file, then linked
   * into place, so no other opener ever reads a lock that exists but is still empty.
   */
  private async createExclusively(body: string): Promise<boolean> {
    const tmp = `${this.path}.${this.instanceId}.tmp`;
    try {
      await fs.writeFile(tmp, body, { flag: 'wx' });
      await fs.link(tmp, this.path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
        // Filesystems without hard links (FAT, some network shares): exclusive create instead.
        return fs.writeFile(this.path, body, { flag: 'wx' }).then(
          () => true,
          (e: NodeJS.ErrnoException) => (e.code === 'EEXIST' ? false : Promise.reject(e)),
        );
      }
      throw new AppError('SAVE_FAILED', `The workspace lock could not be created in ${this.root} (${code}).`, {
        hint: 'The workbench needs write permission on the workspace folder.',
      });
    } finally {
      await fs.rm(tmp, { force: true }).catch(() => {});
    }
  }

  /**
   * Refuses a write when another instance has taken the lock over since this one acquired it:
   * whole-document saves from here would silently overwrite that instance's changes.
   */
  async assertHeld(): Promise<void> {
    const owner = await this.readOwner();
    if (owner?.instanceId === this.instanceId) return;
    const hint = 'Close this workspace and open it again; your unsaved change was not written.';
    if (owner === null) {
      throw new AppError(
        'WORKSPACE_LOCKED',
        `The workspace lock file ${LOCK_FILE} in ${this.root} is missing or unreadable, so this window can no longer be sure it is the only one writing the workspace.`,
        {
          hint,
          details: { file: LOCK_FILE },
        },
      );
    }
    const where = this.isThisInstall(owner) ? 'this computer' : `"${owner.host}"`;
    throw new AppError(
      'WORKSPACE_LOCKED',
      `Another Audit Workbench on ${where} (user ${owner.user}) took this workspace over at ${owner.since}; this window can no longer write to it.`,
      {
        hint,
        details: { host: owner.host, since: owner.since, user: owner.user, pid: owner.pid },
      },
    );
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    const owner = await this.readOwner();
    if (owner?.instanceId === this.instanceId) await fs.rm(this.path, { force: true });
  }

  private async readOwner(): Promise<LockOwner | null> {
    try {
      const data = JSON.parse(await readRegularText(this.path, LOCK_MAX_BYTES)) as Partial<LockOwner>;
      if (typeof data.host !== 'string' || typeof data.pid !== 'number') return null;
      return {
        host: data.host,
        pid: data.pid,
        user: String(data.user ?? 'unknown'),
        since: String(data.since ?? 'unknown'),
        instanceId: String(data.instanceId ?? ''),
        ...(typeof data.installId === 'string' && data.installId ? { installId: data.installId } : {}),
      };
    } catch {
      return null;
    }
  }
}
