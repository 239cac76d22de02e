import { EvidenceRecord } from '../../../shared/domain/evidence';
import type { ChainProblem, ChainReading } from '../workspace/activity-chain';
import type { RecordFiles } from './record-files';
import { differingField, sealIndex, type RecordStatus, type SealIndex, type StatusChange } from './record-seals';

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
  /** The record files, read once per change for every feature. */
  files: RecordFiles;
  /** The chain as it is on disk (read only: checking never repairs). */
  readChain(): Promise<ChainReading>;
}

/**
 * Checks every record file against the seal its `evidence.added` line carries, and the log's
 * own chain. A record file is re-read only when it changed (size, mtime, ctime, inode).
 */
export class RecordChecker {
  constructor(private readonly source: RecordSource) {}

  /** `fresh` re-reads every record file, whatever its stamp says (Check again). */
  async check(options: { fresh?: boolean } = {}): Promise<WorkspaceIntegrity> {
    const chain = await this.source.readChain();
    const index = sealIndex(chain.lines);
    const reads = await this.source.files.readAll(options);
    const records = new Map<string, RecordCheck>();
    const statusOf = (id: string) => {
      const change = index.status.get(id);
      return change ? { status: change.status, statusChange: change } : { status: 'active' as const };
    };
    const sealedRecord = (id: string) => {
      const parsed = EvidenceRecord.safeParse(index.seals.get(id)?.record);
      return parsed.success ? parsed.data : null;
    };
    for (const read of reads) {
      const name = read.name;
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
      const parsed = read.parsed ?? null;
      const sha = read.sha!;
      if (!seal) {
        records.set(id, {
          id,
          state: 'tampered',
          field: '(not in the activity log)',
          message: `The record ${file} is not sealed in the activity log: it was added or replaced outside the app.`,
          record: parsed,
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
          record: sealedRecord(id) ?? parsed,
          recordSha256: sha,
          sealLine: seal.line,
          ...statusOf(id),
        });
        continue;
      }
      if (!parsed) {
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
        record: parsed,
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
