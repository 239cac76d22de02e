import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  promises as fs,
  readSync,
  type Stats,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { saveFailure, writeFileAtomic } from './atomic-write';

/**
 * The one way the workbench reads and writes files inside a workspace. Only regular files are
 * read or written: a symlink, a FIFO, a device or a folder where a file belongs is refused with
 * `WORKSPACE_FILE_REFUSED` naming the path, so `/dev/zero` or a FIFO planted as an evidence
 * file can neither hang the app nor fill the disk, and a symlinked `activity.jsonl` or
 * `evidence/files` never sends a write outside the workspace. Reads are bounded in size.
 */

// O_NOFOLLOW makes the final component's symlink fail the open (ELOOP) instead of being followed;
// O_NONBLOCK makes opening a FIFO return at once (it is then refused by fstat) instead of hanging.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const READ_FLAGS = constants.O_RDONLY | NOFOLLOW | NONBLOCK;
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NOFOLLOW | NONBLOCK;

/** The largest workspace document, record or log the app reads whole (evidence files are streamed). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export type EntryKind = 'file' | 'folder' | 'symlink' | 'fifo' | 'device' | 'socket' | 'other';

export function kindOf(stat: Stats): EntryKind {
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'folder';
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isBlockDevice() || stat.isCharacterDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'other';
}

export const KIND_WORDS: Readonly<Record<EntryKind, string>> = {
  file: 'a file',
  folder: 'a folder',
  symlink: 'a symbolic link',
  fifo: 'a named pipe (FIFO)',
  device: 'a device',
  socket: 'a socket',
  other: 'not a regular file',
};

/**
 * The refusal every caller shows as is: the path, what is there instead, and what to do. A read
 * is refused with WORKSPACE_FILE_REFUSED; a write with SAVE_FAILED, as any other failed save
 * (nothing was written, the previous state is intact).
 */
export function refused(
  path: string,
  found: EntryKind,
  expected: 'file' | 'folder' = 'file',
  access: 'read' | 'write' = 'read',
): AppError {
  const what = `${path} is ${KIND_WORDS[found]}, not ${KIND_WORDS[expected]}`;
  const fix =
    found === 'symlink'
      ? `Replace the link with the real ${expected} (or restore the workspace from a backup), then try again.`
      : `Move it out of the workspace and put the real ${expected} back (or restore the workspace from a backup), then try again.`;
  return access === 'read'
    ? new AppError('WORKSPACE_FILE_REFUSED', `${what}; the workbench does not read through it.`, {
        hint: fix,
        details: { path, found, expected },
      })
    : new AppError('SAVE_FAILED', `Your change was not saved: ${what}, and the workbench never writes through it.`, {
        hint: `${fix} The previous state is intact.`,
        details: { path, found, expected },
      });
}

export function tooLarge(path: string, size: number, maxBytes: number): AppError {
  return new AppError(
    'WORKSPACE_FILE_REFUSED',
    `${path} is ${size} bytes, more than the ${maxBytes} bytes the workbench reads for a file of this kind.`,
    {
      hint: 'This file was not written by the workbench at this size; restore it from a backup of the workspace.',
      details: { path, size, maxBytes },
    },
  );
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code;

/** What is at `path` without following a link there; null when nothing is. */
export async function entryKind(path: string): Promise<EntryKind | null> {
  try {
    return kindOf(await fs.lstat(path));
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Opens a regular file for reading, never through a symlink and never blocking on a FIFO.
 * ENOENT passes through unchanged (callers decide what missing means); anything else that is
 * not a regular file is refused.
 */
export async function openRegular(path: string): Promise<{ handle: fs.FileHandle; stat: Stats }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, READ_FLAGS);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO') {
      const kind = await entryKind(path).catch(() => null);
      throw refused(path, kind ?? (code === 'EISDIR' ? 'folder' : 'other'));
    }
    throw error;
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw refused(path, kindOf(stat));
  }
  return { handle, stat };
}

/** Reads a whole regular file of at most `maxBytes`. */
export async function readRegular(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<Buffer> {
  return (await readRegularWithStat(path, maxBytes)).bytes;
}

/** As `readRegular`, with the checked file's stat (size, times, inode) of the bytes returned. */
export async function readRegularWithStat(path: string, maxBytes: number): Promise<{ bytes: Buffer; stat: Stats }> {
  const { handle, stat } = await openRegular(path);
  try {
    if (stat.size > maxBytes) throw tooLarge(path, stat.size, maxBytes);
    // Reads at most one byte past the bound: a file that grows while being read is refused, not followed.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const wanted = buffer.length - length;
      const { bytesRead } = await handle.read(buffer, length, wanted, length);
      length += bytesRead;
      // A regular file reads short only at its end: no second read (one more system call per file) to learn it.
      if (bytesRead < wanted) break;
    }
    if (length > maxBytes) throw tooLarge(path, length, maxBytes);
    return { bytes: buffer.subarray(0, length), stat };
  } finally {
    await handle.close();
  }
}

/**
 * What `readRegularWithStat` does, synchronously, for the many small files a workspace holds
 * (records, most evidence): the same refusals and bound. A promise-based open, stat, read and
 * close costs the main thread several times what the system calls do, and with thousands of
 * files that cost is most of opening a workspace; callers read in batches and yield between
 * them (`eachInBatches`) so the event loop keeps turning.
 */
export function readRegularSync(path: string, maxBytes: number): { bytes: Buffer; stat: Stats } {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO') {
      let kind: EntryKind | null = null;
      try {
        kind = kindOf(lstatSync(path));
      } catch {
        // Gone meanwhile: named as what the open said.
      }
      throw refused(path, kind ?? (code === 'EISDIR' ? 'folder' : 'other'));
    }
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw refused(path, kindOf(stat));
    if (stat.size > maxBytes) throw tooLarge(path, stat.size, maxBytes);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const wanted = buffer.length - length;
      const bytesRead = readSync(fd, buffer, length, wanted, length);
      length += bytesRead;
      if (bytesRead < wanted) break;
    }
    if (length > maxBytes) throw tooLarge(path, length, maxBytes);
    return { bytes: buffer.subarray(0, length), stat };
  } finally {
    closeSync(fd);
  }
}

/** Small files read synchronously one after another before the event loop gets a turn. */
export const SYNC_BATCH = 64;

/** Lets timers, I/O and IPC run between batches of synchronous reads. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `work` on each item, `SYNC_BATCH` at a time, yielding to the event loop between batches. */
export async function eachInBatches<T, R>(items: readonly T[], work: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SYNC_BATCH) {
    if (i > 0) await yieldToEventLoop();
    for (const item of items.slice(i, i + SYNC_BATCH)) out.push(work(item));
  }
  return out;
}

export const readRegularText = async (path: string, maxBytes?: number) =>
  (await readRegular(path, maxBytes)).toString('utf8');

/** Identifies one version of a file: any change to its bytes changes size, mtime, ctime or inode. */
export const stampOf = (stat: Stats) => `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;

/**
 * The SHA-256 and size of a regular file, streamed from the handle that was checked (so a file
 * swapped for a link or a FIFO after the check is never what gets hashed). Reads at most
 * `stat.size` bytes: a file that keeps growing (or a device) cannot make hashing run forever.
 */
/** Files up to this size are hashed from one read; larger ones are streamed. */
const WHOLE_READ_MAX_BYTES = 1024 * 1024;

export async function hashRegular(path: string): Promise<{ sha256: string; size: number; stamp: string }> {
  const { handle, stat } = await openRegular(path);
  const hash = createHash('sha256');
  let size = 0;
  try {
    if (stat.size > 0 && stat.size <= WHOLE_READ_MAX_BYTES) {
      // Most evidence is small: one read, where a stream costs several for each of thousands of files.
      const buffer = Buffer.alloc(stat.size);
      while (size < stat.size) {
        const { bytesRead } = await handle.read(buffer, size, stat.size - size, size);
        if (bytesRead === 0) break;
        size += bytesRead;
      }
      hash.update(buffer.subarray(0, size));
    } else if (stat.size > 0) {
      const stream = createReadStream('', { fd: handle, autoClose: false, start: 0, end: stat.size - 1 });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size, stamp: stampOf(stat) };
}

/** Lists a workspace folder's entry names; a missing folder is empty, a link or file in its place is refused. */
export async function listFolder(path: string): Promise<string[]> {
  const kind = await entryKind(path);
  if (kind === null) return [];
  if (kind !== 'folder') throw refused(path, kind, 'folder');
  return fs.readdir(path);
}

/**
 * Makes sure `dir` (inside `root`) exists as real folders all the way down: each component is
 * created when missing and refused when it is a link or anything but a folder, so a symlinked
 * `evidence/files` never sends a write outside the workspace.
 */
export async function ensureFolder(root: string, dir: string): Promise<void> {
  const base = resolve(root);
  const inside = relative(base, resolve(dir));
  if (inside.startsWith('..') || inside.startsWith(sep)) throw new Error(`${dir} is outside the workspace ${root}`);
  let current = base;
  for (const part of inside ? inside.split(sep) : []) {
    current = join(current, part);
    const kind = await entryKind(current);
    if (kind === 'folder') continue;
    if (kind !== null) throw refused(current, kind, 'folder', 'write');
    try {
      await fs.mkdir(current);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw saveFailure(join(current, '.'), error);
      const now = await entryKind(current);
      if (now !== 'folder') throw refused(current, now ?? 'other', 'folder', 'write');
    }
  }
}

/** Refuses a write target that exists as anything but a regular file (a folder, a link, a FIFO). */
async function assertWritableTarget(path: string): Promise<void> {
  const kind = await entryKind(path);
  if (kind !== null && kind !== 'file') throw refused(path, kind, 'file', 'write');
}

/**
 * Write-then-rename in the same folder, with fsync, so a crash or a full disk leaves either the
 * old file or the new one, never a torn mix. The folder must be a real folder inside `root` and
 * the target a regular file (or absent).
 */
export async function writeAtomic(root: string, path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await ensureFolder(root, dirname(path));
  await assertWritableTarget(path);
  await writeFileAtomic(path, data, mode);
}

/**
 * Appends bytes to a regular file (created when absent), never through a link, and makes them
 * durable before returning. Returns the file's size before the append.
 */
export async function appendRegular(root: string, path: string, data: string | Uint8Array): Promise<number> {
  await ensureFolder(root, dirname(path));
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, APPEND_FLAGS, 0o644);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO') {
      throw refused(path, (await entryKind(path).catch(() => null)) ?? 'other', 'file', 'write');
    }
    throw saveFailure(path, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refused(path, kindOf(stat), 'file', 'write');
    try {
      await handle.appendFile(data);
      await handle.datasync();
    } catch (error) {
      throw saveFailure(path, error);
    }
    return stat.size;
  } finally {
    await handle.close();
  }
}

/** Shortens a regular file to `size` bytes (used only to cut a crash-torn last line of the log). */
export async function truncateRegular(path: string, size: number): Promise<void> {
  const handle = await fs.open(path, constants.O_WRONLY | NOFOLLOW | NONBLOCK).catch(async (error) => {
    if (errnoOf(error) === 'ELOOP') throw refused(path, 'symlink', 'file', 'write');
    throw saveFailure(path, error);
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refused(path, kindOf(stat), 'file', 'write');
    await handle.truncate(size);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
