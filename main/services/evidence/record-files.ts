import { lstatSync } from 'node:fs';
import { EvidenceRecord } from '../../../shared/domain/evidence';
import { eachInBatches, kindOf, listFolder, readRegularSync, stampOf } from '../storage/workspace-files';
import { recordSha256 } from './record-seals';

/** A record is a few kilobytes; a larger file in `evidence/records/` was not written by the workbench. */
export const RECORD_MAX_BYTES = 1024 * 1024;

/** One version of one record file, as read from disk. */
export interface RecordFileRead {
  /** `evidence/records/<name>`, e.g. `ev_abc123.json`. */
  name: string;
  stamp: string;
  /** The parsed JSON; undefined when the file cannot be read or parsed (`reason` says why). */
  raw: unknown;
  reason?: string;
  /** Its canonical SHA-256 (what a seal carries) and the record it parses to, worked out once per version. */
  sha?: string;
  parsed?: EvidenceRecord | null;
}

/**
 * The one reader of `evidence/records/`: the store's index and the record checks both ask
 * here, so each record file is read, parsed and hashed once per change (size, mtime, ctime,
 * inode), not once per feature. Files are small and many: read synchronously in batches.
 */
export class RecordFiles {
  private readonly known = new Map<string, RecordFileRead>();

  constructor(private readonly dir: string) {}

  /** Every `*.json` record file; `fresh` re-reads each one whatever its stamp says (Check again). */
  async readAll(options: { fresh?: boolean } = {}): Promise<RecordFileRead[]> {
    if (options.fresh) this.known.clear();
    const names = (await listFolder(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    return eachInBatches(names, (name) => this.read(name));
  }

  private read(name: string): RecordFileRead {
    const path = `${this.dir}/${name}`;
    let stamp = 'unknown';
    try {
      const stat = lstatSync(path);
      stamp = stampOf(stat);
      const known = this.known.get(name);
      if (known && known.stamp === stamp) return known;
      if (kindOf(stat) !== 'file') return { name, stamp, raw: undefined, reason: `${path} is not a regular file` };
    } catch (error) {
      return { name, stamp, raw: undefined, reason: (error as Error).message };
    }
    let read: RecordFileRead;
    try {
      const text = readRegularSync(path, RECORD_MAX_BYTES).bytes.toString('utf8');
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        raw = undefined;
        read = { name, stamp, raw, reason: `it is not valid JSON (${(error as Error).message})` };
      }
      if (raw !== undefined) {
        const parsed = EvidenceRecord.safeParse(raw);
        read = { name, stamp, raw, sha: recordSha256(raw), parsed: parsed.success ? parsed.data : null };
      }
    } catch (error) {
      read = { name, stamp, raw: undefined, reason: (error as Error).message };
    }
    this.known.set(name, read!);
    return read!;
  }
}
