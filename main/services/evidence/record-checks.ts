import { EvidenceRecord } from '../../../shared/domain/evidence';
import { mapLimit } from '../map-limit';
import { entryKind, listFolder, readRegularText, stampOf } from '../storage/workspace-files';
import { promises as fs } from 'node:fs';
import type { ChainProblem, ChainReading } from '../workspace/activity-chain';
import {
  differingField,
  recordSha256,
  sealIndex,
  type RecordStatus,
  type SealIndex,
  type StatusChange,
} from './record-seals';
import { RECORD_MAX_BYTES } from './evidence-store';

/** A record file against its seal: Tampered names the field, Damaged cannot be read, Missing is gone. */
export type RecordState = 'ok' | 'tampered' | 'damaged' | 'missing';

export interface RecordCheck {
  id: string;
  state: RecordState;
  /** For Tampered: the first field that differs from the sealed record (`aws.accountId`). */
  field?: string;
  /** Said to people: what is wrong with the record and where. */
  message?: string;
  status: RecordStatus;
  statusChange?: StatusChange;
  /** The record as sealed (shown when the file is damaged or missing), or as read when it was never sealed. */
  record: EvidenceRecord | null;
  /** The canonical hash of the record on disk (manifest lists it). */
  recordSha256?: string;
  sealLine?: number;
}

export interface WorkspaceIntegrity {
  records: Map<string, RecordCheck>;
  /** The first line of activity.jsonl that no longer matches, or null. */
  chain: ChainProblem | null;
  lines: number;
  /** Records with a problem that are not withdrawn: the export refuses while any remain. */
  problems: RecordCheck[];
  index: SealIndex;
  /** The log the seals were read from (a bundle ships its text). */
  reading: ChainReading;
}

export interface RecordSource {
  recordsDir: string;
  recordPath(id: string): string;
  /** The chain as it is on disk (read only: checking never repairs). */
  readChain(): Promise<ChainReading>;
}

interface FileRead {
  stamp: string;
  raw: unknown;
  reason?: string;
}

const READ_CONCURRENCY = 16;

/**
 * Checks every record file against the seal its `evidence.added` line carries, and the log's
 * own chain. A record file is re-read only when it changed (size, mtime, ctime, inode).
 */
export class RecordChecker {
  private readonly files = new Map<string, FileRead>();

  constructor(private readonly source: RecordSource) {}

  private async readRecord(name: string): Promise<FileRead> {
    const path = `${this.source.recordsDir}/${name}`;
    let stamp = 'unknown';
    try {
      const stat = await fs.lstat(path);
      stamp = stampOf(stat);
      const known = this.files.get(name);
      if (known && known.stamp === stamp) return known;
      if ((await entryKind(path)) !== 'file') return { stamp, raw: undefined, reason: `${path} is not a regular file` };
    } catch (error) {
      return { stamp, raw: undefined, reason: (error as Error).message };
    }
    let read: FileRead;
    try {
      const text = await readRegularText(path, RECORD_MAX_BYTES);
      try {
        read = { stamp, raw: JSON.parse(text) };
      } catch (error) {
        read = { stamp, raw: undefined, reason: `it is not valid JSON (${(error as Error).message})` };
      }
    } catch (error) {
      read = { stamp, raw: undefined, reason: (error as Error).message };
    }
    this.files.set(name, read);
    return read;
  }

  /** `fresh` re-reads every record file, whatever its stamp says (Check again). */
  async check(options: { fresh?: boolean } = {}): Promise<WorkspaceIntegrity> {
    if (options.fresh) this.files.clear();
    const chain = await this.source.readChain();
    const index = sealIndex(chain.lines);
    const names = (await listFolder(this.source.recordsDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    const reads = await mapLimit(names, READ_CONCURRENCY, async (name) => ({
      name,
      read: await this.readRecord(name),
    }));
    const records = new Map<string, RecordCheck>();
    const statusOf = (id: string) => {
      const change = index.status.get(id);
      return change ? { status: change.status, statusChange: change } : { status: 'active' as const };
    };
    const sealedRecord = (id: string) => {
      const parsed = EvidenceRecord.safeParse(index.seals.get(id)?.record);
      return parsed.success ? parsed.data : null;
    };
    for (const { name, read } of reads) {
      const id = name.slice(0, -'.json'.length);
      const seal = index.seals.get(id);
      const file = `evidence/records/${name}`;
      if (read.raw === undefined) {
        records.set(id, {
          id,
          state: 'damaged',
          message: `The record ${file} cannot be read: ${read.reason}.`,
          record: sealedRecord(id),
          ...statusOf(id),
          ...(seal ? { sealLine: seal.line } : {}),
        });
        continue;
      }
      const parsed = EvidenceRecord.safeParse(read.raw);
      const sha = recordSha256(read.raw);
      if (!seal) {
        records.set(id, {
          id,
          state: 'tampered',
          field: '(not in the activity log)',
          message: `The record ${file} is not sealed in the activity log: it was added or replaced outside the app.`,
          record: parsed.success ? parsed.data : null,
          recordSha256: sha,
          ...statusOf(id),
        });
        continue;
      }
      if (sha !== seal.recordSha256) {
        const field = seal.record ? differingField(seal.record, read.raw) : null;
        records.set(id, {
          id,
          state: 'tampered',
          ...(field ? { field } : {}),
          message: `The record ${file} was changed after it was sealed (line ${seal.line} of activity.jsonl)${field ? `: its field ${field} differs` : ''}.`,
          record: sealedRecord(id) ?? (parsed.success ? parsed.data : null),
          recordSha256: sha,
          sealLine: seal.line,
          ...statusOf(id),
        });
        continue;
      }
      if (!parsed.success) {
        records.set(id, {
          id,
          state: 'damaged',
          message: `The record ${file} matches its seal but is not a record this version reads.`,
          record: null,
          recordSha256: sha,
          sealLine: seal.line,
          ...statusOf(id),
        });
        continue;
      }
      records.set(id, {
        id,
        state: 'ok',
        record: parsed.data,
        recordSha256: sha,
        sealLine: seal.line,
        ...statusOf(id),
      });
    }
    for (const [id, seal] of index.seals) {
      if (records.has(id)) continue;
      records.set(id, {
        id,
        state: 'missing',
        message: `The record evidence/records/${id}.json sealed at line ${seal.line} of activity.jsonl is missing from the workspace.`,
        record: sealedRecord(id),
        sealLine: seal.line,
        ...statusOf(id),
      });
    }
    const problems = [...records.values()].filter((r) => r.state !== 'ok' && r.status === 'active');
    return { records, chain: chain.problem, lines: chain.lines.length, problems, index, reading: chain };
  }
}

const checkers = new WeakMap<object, RecordChecker>();

/** One checker per store, so its cache of record files is shared by every feature. */
export function recordChecker(store: object & { records?: () => RecordSource | null }): RecordChecker | null {
  const source = store.records?.();
  if (!source) return null;
  let checker = checkers.get(store);
  if (!checker) checkers.set(store, (checker = new RecordChecker(source)));
  return checker;
}
