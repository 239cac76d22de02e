import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/ipc/result';

/** Turns a filesystem failure into a message a person can act on. */
export function saveFailure(path: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const where = dirname(path);
  const reasons: Record<string, { message: string; hint: string }> = {
    ENOSPC: {
      message: `Your change was not saved: the disk holding ${where} is full.`,
      hint: 'Free some space, then make the change again. The previous state is intact.',
    },
    EDQUOT: {
      message: `Your change was not saved: the disk quota for ${where} is used up.`,
      hint: 'Free some space, then make the change again. The previous state is intact.',
    },
    EACCES: {
      message: `Your change was not saved: the workbench may not write to ${where}.`,
      hint: 'Give your user write permission on the workspace folder, or open a copy elsewhere. The previous state is intact.',
    },
    EPERM: {
      message: `Your change was not saved: the workbench may not write to ${where}.`,
      hint: 'Give your user write permission on the workspace folder, or open a copy elsewhere. The previous state is intact.',
    },
    EROFS: {
      message: `Your change was not saved: ${where} is on a read-only disk.`,
      hint: 'Move the workspace to a writable disk. The previous state is intact.',
    },
  };
  const known = code ? reasons[code] : undefined;
  return new AppError(
    'SAVE_FAILED',
    known?.message ?? `Your change was not saved to ${basename(path)} (${code ?? 'unknown error'}).`,
    {
      hint: known?.hint ?? 'Try again. The previous state is intact.',
      details: { file: basename(path), errno: code },
      cause: error,
    },
  );
}

/**
 * Write-then-rename in the same folder, with fsync, so a crash or a full disk leaves either
 * the old file or the new one, never a torn mix.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw saveFailure(path, error);
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not every platform lets a directory be opened for this.
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => {});
  await handle?.close().catch(() => {});
}
