import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { EVIDENCE_RECORD_VERSION, EvidenceRecord, type EvidenceIntegrity } from '../../../shared/domain/evidence';
import { AppError, isAppError } from '../../../shared/ipc/result';
import { saveFailure } from '../storage/atomic-write';
import { ensureFolder, entryKind, hashRegular, readRegular, writeAtomic } from '../storage/workspace-files';
import { recordSha256 } from './record-seals';
import { RecordFiles } from './record-files';
import type { RecordSource } from './record-checks';
import type { ChainReading } from '../workspace/activity-chain';

/** What a producer supplies; the store adds the id, hash, size, time and app version. */
export type NewEvidence = Omit<
  EvidenceRecord,
  'schemaVersion' | 'id' | 'sha256' | 'size' | 'capturedAt' | 'appVersion'
> & {
  capturedAt?: string;
};

export const EVIDENCE_DIR = 'evidence';
/** Where a stored file that no longer matched its name is kept once a good copy replaced it. */
export const DAMAGED_DIR = 'damaged';
export { RECORD_MAX_BYTES } from './record-files';

/** A stored file that did not match its name and was replaced by a new, matching copy. */
export interface EvidenceRepair {
  sha256: string;
  /** Relative to the workspace folder, with forward slashes: `evidence/damaged/<sha256>-<time>`. */
  damagedFile: string;
  /** The record whose capture or import brought the good copy. */
  evidenceId: string;
  by: EvidenceRecord['capturedBy'];
}

type StoredState = 'absent' | 'intact' | 'damaged';

export const newEvidenceId = (now: Date) => `ev_${now.getTime().toString(36)}${randomBytes(5).toString('hex')}`;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Content-addressed, immutable evidence: files under `evidence/files/<sha256>`, one record per
 * capture under `evidence/records/<id>.json`. Identical content is stored once and may back
 * many records. A file is never edited or deleted: when new content arrives whose name is
 * taken by a file that no longer matches it (changed behind the app's back), the damaged
 * file is moved to `evidence/damaged/` and the good bytes take its place. `onRepaired`
 * reports the repair before the damaged file is moved (the workspace logs it in the activity
 * log), so a repair is never left unlogged. `beforeWrite` runs before every write (a file, a
 * record, a move) and may refuse it, for example when the workspace lock was taken over.
 */
export class EvidenceStore {
  /** One shared load: concurrent first callers must not each build (and lose) their own index. */
  private index: Promise<Map<string, EvidenceRecord>> | null = null;
  /** Placing a file is serialised per hash, so two repairs never move a good copy aside. */
  private readonly placing = new Map<string, Promise<unknown>>();
  private readonly recordFiles: RecordFiles;

  constructor(
    private readonly root: string,
    private readonly options: {
      appVersion: string;
      now: () => Date;
      onRepaired?: (repair: EvidenceRepair) => Promise<void>;
      /** Called before each write; throwing refuses it with nothing written. */
      beforeWrite?: () => Promise<void>;
      /** Writes a record's `evidence.added` line; throwing refuses the record (nothing is stored). */
      seal?: (record: EvidenceRecord, recordSha256: string) => Promise<void>;
      /** The sealed log the records are checked against (read only). */
      log?: { readChain(): Promise<ChainReading> };
    },
  ) {
    this.recordFiles = new RecordFiles(this.recordsDir);
  }

  private async beforeWrite(): Promise<void> {
    await this.options.beforeWrite?.();
  }

  private get filesDir() {
    return join(this.root, EVIDENCE_DIR, 'files');
  }
  private get recordsDir() {
    return join(this.root, EVIDENCE_DIR, 'records');
  }
  private get damagedDir() {
    return join(this.root, EVIDENCE_DIR, DAMAGED_DIR);
  }

  filePath(sha256: string): string {
    return join(this.filesDir, sha256);
  }

  async addBytes(content: Uint8Array | string, fields: NewEvidence): Promise<EvidenceRecord> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const record = this.prepare(fields, sha256, bytes.byteLength);
    await this.beforeWrite();
    await this.ensureDirs();
    await this.place(record, () => writeAtomic(this.root, this.filePath(sha256), bytes, 0o444));
    return this.writeRecord(record);
  }

  /**
   * Streams a file in (hashing while copying) so large imports never sit in memory. `onBytes`
   * sees each chunk copied; aborted before the file is put in place, nothing is stored and this
   * rejects with the signal's reason. Once the file is in place the record follows whatever happens.
   */
  async addFile(
    sourcePath: string,
    fields: NewEvidence,
    options: { signal?: AbortSignal; onBytes?: (n: number) => void } = {},
  ): Promise<EvidenceRecord> {
    const { signal, onBytes } = options;
    // Refuse a bad record before copying anything.
    this.prepare(fields, '0'.repeat(64), 0);
    await this.beforeWrite();
    await this.ensureDirs();
    const tmp = join(this.filesDir, `.import-${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(sourcePath), tap, createWriteStream(tmp, { flags: 'wx', mode: 0o444 }), {
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      await fs.rm(tmp, { force: true });
      signal?.throwIfAborted();
      if (isAppError(error)) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
        throw new AppError('IMPORT_REJECTED', `The file ${sourcePath} could not be read.`, {
          hint: 'Check that it exists and that you may read it.',
        });
      }
      throw saveFailure(tmp, error);
    }
    const sha256 = hash.digest('hex');
    const record = this.prepare(fields, sha256, size);
    try {
      // The last point a cancel is honoured: after it the file is in place and its record follows.
      signal?.throwIfAborted();
      await this.place(record, async () => {
        try {
          await fs.rename(tmp, this.filePath(sha256));
        } catch (error) {
          throw saveFailure(this.filePath(sha256), error);
        }
      });
    } finally {
      // Still there when an intact copy was already stored (or placing failed).
      await fs.rm(tmp, { force: true });
    }
    return this.writeRecord(record);
  }

  /**
   * Makes `evidence/files/<sha256>` hold exactly the bytes its name says: an intact file is
   * left alone (no rewrite), a missing one is written, and a damaged one (wrong size or hash)
   * is moved to `evidence/damaged/` before the good bytes are written in its place. The
   * repair is reported (logged) before anything is moved: if that fails, nothing is touched.
   */
  private place(record: EvidenceRecord, write: () => Promise<void>): Promise<void> {
    const { sha256 } = record;
    const run = async () => {
      const target = this.filePath(sha256);
      const state = await storedState(target, sha256, record.size);
      if (state === 'intact') return;
      await this.beforeWrite();
      if (state === 'damaged') {
        const name = await this.damagedName(sha256);
        const damagedFile = `${EVIDENCE_DIR}/${DAMAGED_DIR}/${name}`;
        // Logged first: a repair whose log entry cannot be written never happens.
        await this.options.onRepaired?.({ sha256, damagedFile, evidenceId: record.id, by: record.capturedBy });
        await this.moveAside(sha256, name);
      }
      await write();
    };
    const previous = this.placing.get(sha256) ?? Promise.resolve();
    const result = previous.then(run, run);
    const settled = result.catch(() => undefined);
    this.placing.set(sha256, settled);
    void settled.then(() => {
      if (this.placing.get(sha256) === settled) this.placing.delete(sha256);
    });
    return result;
  }

  /** A name under `evidence/damaged/` no earlier damaged copy has (placing is serialised per hash). */
  private async damagedName(sha256: string): Promise<string> {
    const time = this.options.now().toISOString().replace(/[-:.]/g, '');
    let name = `${sha256}-${time}`;
    while (await exists(join(this.damagedDir, name))) name = `${sha256}-${time}-${randomBytes(3).toString('hex')}`;
    return name;
  }

  /** Keeps the damaged file under `name` in `evidence/damaged/`, never overwriting a file there. */
  private async moveAside(sha256: string, name: string): Promise<void> {
    const target = join(this.damagedDir, name);
    await ensureFolder(this.root, this.damagedDir);
    try {
      if (await exists(target)) throw Object.assign(new Error(`${target} already exists`), { code: 'EEXIST' });
      await fs.rename(this.filePath(sha256), target);
    } catch (error) {
      throw saveFailure(target, error);
    }
  }

  async list(): Promise<EvidenceRecord[]> {
    return [...(await this.load()).values()].sort(
      (a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id),
    );
  }

  async get(id: string): Promise<EvidenceRecord> {
    const record = (await this.load()).get(id);
    if (!record) throw new AppError('NOT_FOUND', `No evidence with id ${id} in this workspace.`);
    return record;
  }

  async read(record: EvidenceRecord): Promise<Buffer> {
    const integrity = await this.verify(record);
    if (integrity !== 'ok') throw integrityError(record, integrity);
    // Bounded by the recorded size: the file was just checked to hold exactly those bytes.
    return readRegular(this.filePath(record.sha256), record.size);
  }

  /** Re-hashes the stored file: a mismatch is reported, never repaired here (only a new, matching copy repairs it). */
  async verify(record: EvidenceRecord): Promise<EvidenceIntegrity> {
    try {
      return (await hashRegular(this.filePath(record.sha256))).sha256 === record.sha256 ? 'ok' : 'tampered';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  }

  private prepare(fields: NewEvidence, sha256: string, size: number): EvidenceRecord {
    const now = this.options.now();
    return EvidenceRecord.parse({
      ...fields,
      schemaVersion: EVIDENCE_RECORD_VERSION,
      id: newEvidenceId(now),
      sha256,
      size,
      capturedAt: fields.capturedAt ?? now.toISOString(),
      appVersion: this.options.appVersion,
    });
  }

  /** What the record checker reads; null when no log seals this store (a bare store in a test). */
  records(): RecordSource | null {
    const log = this.options.log;
    if (!log) return null;
    return { files: this.recordFiles, readChain: () => log.readChain() };
  }

  recordPath(id: string): string {
    return join(this.recordsDir, `${id}.json`);
  }

  /** Where a record waits while its `evidence.added` line is written: the line is the commit point. */
  pendingPath(id: string): string {
    return join(this.recordsDir, `.${id}.pending`);
  }

  /**
   * A record and its seal are stored together or not at all: the record is written under a
   * pending name, its `evidence.added` line (record hash, file hash, the record) appended, and
   * only then renamed into place. A failed log line removes the pending record: nothing was
   * stored. A crash after the line leaves a pending record that the next open completes.
   */
  private async writeRecord(record: EvidenceRecord): Promise<EvidenceRecord> {
    await this.beforeWrite();
    const text = `${JSON.stringify(record, null, 2)}\n`;
    const seal = this.options.seal;
    if (!seal) {
      await writeAtomic(this.root, this.recordPath(record.id), text, 0o444);
    } else {
      const pending = this.pendingPath(record.id);
      await writeAtomic(this.root, pending, text, 0o444);
      try {
        await seal(record, recordSha256(JSON.parse(text)));
      } catch (error) {
        await fs.rm(pending, { force: true }).catch(() => {});
        throw notRecorded(record, error);
      }
      try {
        await fs.rename(pending, this.recordPath(record.id));
      } catch (error) {
        throw new AppError(
          'SAVE_FAILED',
          `Evidence "${record.title}" (${record.id}) is recorded in the activity log, but its record file could not be put in place (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
          {
            hint: 'Fix the folder permissions or free disk space, then open the workspace again: the record is completed from evidence/records/ when it opens.',
            details: { evidenceId: record.id },
            cause: error,
          },
        );
      }
    }
    (await this.load()).set(record.id, record);
    return record;
  }

  private async ensureDirs() {
    await ensureFolder(this.root, this.filesDir);
    await ensureFolder(this.root, this.recordsDir);
  }

  private load(): Promise<Map<string, EvidenceRecord>> {
    this.index ??= this.readIndex();
    return this.index;
  }

  private async readIndex(): Promise<Map<string, EvidenceRecord>> {
    const map = new Map<string, EvidenceRecord>();
    // An unreadable record is surfaced by the record checks and the pre-flight, not silently fixed here.
    for (const read of await this.recordFiles.readAll()) if (read.parsed) map.set(read.parsed.id, read.parsed);
    return map;
  }
}

/** A record refused because its log line could not be written: says that nothing was stored. */
function notRecorded(record: EvidenceRecord, error: unknown): AppError {
  const why = isAppError(error) ? error.message : (error as Error).message;
  return new AppError(
    'SAVE_FAILED',
    `Evidence "${record.title}" was not stored: the activity log could not record it. ${why}`,
    {
      hint: `${isAppError(error) && error.hint ? `${error.hint} ` : ''}Nothing of this piece of evidence was kept (its file may remain in evidence/files, unreferenced); run or add it again once the log can be written.`,
      details: { evidenceId: record.id, ...(isAppError(error) ? { cause: error.code } : {}) },
      cause: error,
    },
  );
}

export function integrityError(record: EvidenceRecord, integrity: Exclude<EvidenceIntegrity, 'ok'>): AppError {
  return integrity === 'missing'
    ? new AppError(
        'EVIDENCE_MISSING',
        `Evidence "${record.title}" (${record.id}) is missing: its file ${record.sha256} was deleted from the workspace.`,
        {
          hint: 'Restore the file from a backup of the workspace, or capture the evidence again.',
          details: { evidenceId: record.id, sha256: record.sha256 },
        },
      )
    : new AppError(
        'EVIDENCE_TAMPERED',
        `Evidence "${record.title}" (${record.id}) was changed after capture: its file no longer matches SHA-256 ${record.sha256}.`,
        {
          hint: 'Restore the original file from a backup, or capture the evidence again; changed evidence is never exported.',
          details: { evidenceId: record.id, sha256: record.sha256 },
        },
      );
}

/** Size first (cheap), then the hash: only a file with exactly the named bytes is intact. */
async function storedState(path: string, sha256: string, size: number): Promise<StoredState> {
  const kind = await entryKind(path).catch((error) => {
    throw saveFailure(path, error);
  });
  if (kind === null) return 'absent';
  // A link, FIFO or device in a file's place is damaged: it is moved aside, never read or written through.
  if (kind !== 'file') return 'damaged';
  try {
    const stored = await hashRegular(path);
    return stored.size === size && stored.sha256 === sha256 ? 'intact' : 'damaged';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    if (isAppError(error)) return 'damaged';
    throw saveFailure(path, error);
  }
}

const exists = async (path: string) => (await entryKind(path)) !== null;
