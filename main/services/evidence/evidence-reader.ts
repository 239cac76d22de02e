import { createHash } from 'node:crypto';
import type { EvidenceRecord, FileIntegrity } from '../../../shared/domain/evidence';
import { Finding } from '../../../shared/domain/findings';
import { AppError, isAppError } from '../../../shared/ipc/result';
import { mapLimit } from '../map-limit';
import { lstatSync, type Stats } from 'node:fs';
import {
  hashRegular,
  kindOf,
  readRegular,
  readRegularSync,
  readRegularWithStat,
  refused,
  stampOf,
  SYNC_BATCH,
  yieldToEventLoop,
} from '../storage/workspace-files';
import { integrityError, type EvidenceStore } from './evidence-store';

/** What the reader needs from a store: the records and where their files are. */
export type ReadableStore = Pick<EvidenceStore, 'list' | 'filePath'>;

/** One record as every feature sees it: its file's integrity and, for findings, the parsed finding. */
export interface ReadEvidence {
  record: EvidenceRecord;
  integrity: FileIntegrity;
  /** Why the file could not be checked (`unreadable`): an errno or the refusal's message. */
  readError?: string;
  /** The parsed finding of an intact findings file this version understands; null otherwise. */
  finding: Finding | null;
  checkedAt: string;
}

interface Checked {
  stamp: string;
  integrity: FileIntegrity;
  finding: Finding | null;
  at: string;
}

/** Files hashed at once: a library of thousands must not exhaust the process's file descriptors (EMFILE). */
export const HASH_CONCURRENCY = 8;

/** A findings file is read whole (to parse it); larger ones are checked but not summarised. */
const FINDINGS_PARSE_MAX_BYTES = 16 * 1024 * 1024;

/** Files up to this size (most API snapshots and findings) are read whole and synchronously, in batches. */
const SMALL_FILE_BYTES = 256 * 1024;

export interface ReadOptions {
  /** Re-hash even when the file looks unchanged (export, "Check again", provenance). */
  fresh?: boolean;
  signal?: AbortSignal;
}

const errnoOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * The one way evidence is read: the checks, the Evidence screen, the pre-flight and the export
 * all ask here. A file is hashed (and a findings file parsed) once per change: the result is
 * kept until the file's size, modification time, change time or inode differ (ctime cannot be
 * set back by hand), and `fresh` re-hashes regardless.
 */
export class EvidenceReader {
  private readonly checked = new Map<string, Checked>();

  constructor(
    private readonly store: ReadableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  records(): Promise<EvidenceRecord[]> {
    return this.store.list();
  }

  async read(record: EvidenceRecord, options: ReadOptions = {}): Promise<ReadEvidence> {
    const path = this.store.filePath(record.sha256);
    const at = this.now().toISOString();
    const unreadable = (readError: string): ReadEvidence => ({
      record,
      integrity: 'unreadable',
      readError,
      finding: null,
      checkedAt: at,
    });
    let stamp: string;
    try {
      const stat = lstatSync(path);
      // A folder is what the OS calls it (EISDIR); a link, FIFO or device is named with the path.
      if (stat.isDirectory()) return unreadable('EISDIR');
      if (!stat.isFile()) return unreadable(refused(path, kindOf(stat)).message);
      stamp = stampOf(stat);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') return unreadable(errnoOf(error));
      this.checked.delete(record.sha256);
      return { record, integrity: 'missing', finding: null, checkedAt: at };
    }
    const known = this.checked.get(record.sha256);
    if (!options.fresh && known && known.stamp === stamp) return this.answer(record, known);
    let checked: Checked;
    try {
      checked = await this.hash(record, path, stamp, at);
    } catch (error) {
      // Not cached: the next read tries again (permissions fixed, descriptors freed).
      if (errnoOf(error) === 'ENOENT') return { record, integrity: 'missing', finding: null, checkedAt: at };
      return unreadable(isAppError(error) ? error.message : errnoOf(error));
    }
    this.checked.set(record.sha256, checked);
    return this.answer(record, checked);
  }

  /** Every record given, at most HASH_CONCURRENCY files at a time, in the order given. */
  readAll(records: EvidenceRecord[], options: ReadOptions = {}): Promise<ReadEvidence[]> {
    let started = 0;
    return mapLimit(records, HASH_CONCURRENCY, async (record) => {
      // Small files are read synchronously (see readRegularSync): the event loop gets a turn between batches.
      if (++started % SYNC_BATCH === 0) await yieldToEventLoop();
      options.signal?.throwIfAborted();
      return this.read(record, options);
    });
  }

  /** The bytes of an intact file, checked against its hash as they are read; a changed or missing file is refused. */
  async bytes(record: EvidenceRecord): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await readRegular(this.store.filePath(record.sha256), record.size);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') throw integrityError(record, 'missing');
      if (isAppError(error) && error.details?.maxBytes !== undefined) throw integrityError(record, 'tampered');
      // Worded as the library words it (a link, FIFO, folder or permission problem on this record).
      assertIntact(await this.read(record, { fresh: true }));
      throw error;
    }
    if (bytes.length !== record.size || sha256(bytes) !== record.sha256) throw integrityError(record, 'tampered');
    return bytes;
  }

  private answer(record: EvidenceRecord, checked: Checked): ReadEvidence {
    return { record, integrity: checked.integrity, finding: checked.finding, checkedAt: checked.at };
  }

  private async hash(record: EvidenceRecord, path: string, seen: string, at: string): Promise<Checked> {
    const small = record.size <= SMALL_FILE_BYTES;
    if (small || (record.kind === 'findings' && record.size <= FINDINGS_PARSE_MAX_BYTES)) {
      // Small enough to hold: hashed (and a finding parsed) from the same bytes, so the finding shown is the one checked.
      let read: { bytes: Buffer; stat: Stats };
      try {
        read = small ? readRegularSync(path, record.size) : await readRegularWithStat(path, record.size);
      } catch (error) {
        if (isAppError(error) && error.details?.maxBytes !== undefined)
          return { stamp: seen, integrity: 'tampered', finding: null, at };
        throw error;
      }
      const stamp = stampOf(read.stat);
      if (read.bytes.length !== record.size || sha256(read.bytes) !== record.sha256)
        return { stamp, integrity: 'tampered', finding: null, at };
      if (record.kind !== 'findings') return { stamp, integrity: 'ok', finding: null, at };
      const parsed = Finding.safeParse(parseJson(read.bytes.toString('utf8')));
      return { stamp, integrity: 'ok', finding: parsed.success ? parsed.data : null, at };
    }
    const stored = await hashRegular(path);
    return { stamp: stored.stamp, integrity: stored.sha256 === record.sha256 ? 'ok' : 'tampered', finding: null, at };
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Refuses what is not intact with the same words everywhere (viewer, pre-flight, export). */
export function assertIntact(read: ReadEvidence): void {
  const { record, integrity } = read;
  if (integrity === 'ok') return;
  if (integrity !== 'unreadable') throw integrityError(record, integrity);
  throw unreadableError(record, read.readError ?? 'unknown error');
}

export function unreadableError(record: EvidenceRecord, readError: string): AppError {
  return new AppError(
    'EVIDENCE_UNREADABLE',
    `Evidence "${record.title}" (${record.id}) could not be read (${readError}), so it was not checked.`,
    {
      hint: 'Put the original file back (restore it from a backup of the workspace), or check that you may read the workspace folder, then try again.',
      details: { evidenceId: record.id, sha256: record.sha256, readError },
    },
  );
}

const readers = new WeakMap<ReadableStore, EvidenceReader>();

/**
 * The reader of a store: one per store, so its cache is shared by every feature reading it.
 * `now` (when the checks are stamped) is taken from the first caller, the composition root's clock.
 */
export function evidenceReader(store: ReadableStore, now?: () => Date): EvidenceReader {
  let reader = readers.get(store);
  if (!reader) readers.set(store, (reader = new EvidenceReader(store, now)));
  return reader;
}
