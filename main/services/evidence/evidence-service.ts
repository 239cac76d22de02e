import type { EvidenceKind, EvidenceRecord, FileIntegrity, ListedIntegrity } from '../../../shared/domain/evidence';
import {
  VIEWER_LIMITS,
  type EvidenceContent,
  type EvidenceItem,
  type EvidenceProvenance,
} from '../../../shared/ipc/channels/evidence';
import { AppError } from '../../../shared/ipc/result';
import { actionOfStatus, type RecordStatus } from '../../../shared/domain/record-status';
import { DEFAULT_FRESHNESS_DAYS, freshnessFlags } from '../../../shared/rules/freshness';
import { assertIntact, evidenceReader, type ReadEvidence } from './evidence-reader';
import { recordChecker, type WorkspaceIntegrity } from './record-checks';
import type { OpenWorkspace } from '../workspace/open-workspace';
import type { WorkspaceService } from '../workspace/workspace-service';

export interface EvidenceFilter {
  controlId?: string;
  kind?: EvidenceKind;
  integrity?: ListedIntegrity;
}

const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'application/json']);

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** The record's own check joins the file's: a Tampered, Damaged or Missing record is shown as such. */
function withRecordCheck(item: EvidenceItem, integrity: WorkspaceIntegrity | null): EvidenceItem {
  const check = integrity?.records.get(item.id);
  if (!check) return item;
  const change = check.statusChange;
  const status = change
    ? { recordStatus: { status: change.status, reason: change.reason, by: change.by, at: change.at } }
    : {};
  if (check.state === 'ok') return { ...item, ...status };
  return {
    ...item,
    integrity: check.state,
    recordProblem: {
      state: check.state,
      ...(check.field ? { field: check.field } : {}),
      message: check.message ?? '',
      fileIntegrity: item.integrity as FileIntegrity,
    },
    ...status,
  };
}

/** The workspace's as-of date and the default freshness window: the export's pre-flight rule, where people work. */
const itemOf = (read: ReadEvidence, asOfDate: string): EvidenceItem => {
  const dateFlags = freshnessFlags(read.record, { asOfDate, freshnessDays: DEFAULT_FRESHNESS_DAYS });
  return {
    ...read.record,
    integrity: read.integrity,
    ...(read.readError ? { readError: read.readError } : {}),
    ...(dateFlags.length ? { dateFlags } : {}),
  };
};

/**
 * Evidence as the Evidence screen shows it, read through the one evidence reader: a file is
 * re-hashed when it changed (size, mtime, ctime or inode), so a changed or deleted file is
 * reported, never accepted. A file that cannot be read is `unreadable` with the reason.
 */
export class EvidenceService {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private reader(ws: OpenWorkspace) {
    return evidenceReader(ws.evidence, this.now);
  }

  /** Every record's seal checked (re-read only when a record file changed); null for a store no log seals. */
  private integrity(ws: OpenWorkspace): Promise<WorkspaceIntegrity | null> {
    return recordChecker(ws.evidence)?.check() ?? Promise.resolve(null);
  }

  /**
   * The records the store reads, plus those only their seal still knows (a record file damaged or
   * deleted): nothing damaged is dropped from the list.
   */
  private async allRecords(ws: OpenWorkspace, integrity: WorkspaceIntegrity | null): Promise<EvidenceRecord[]> {
    const records = await ws.evidence.list();
    if (!integrity) return records;
    const known = new Set(records.map((r) => r.id));
    const extra = [...integrity.records.values()].flatMap((c) =>
      !known.has(c.id) && c.record ? [{ ...c.record, id: c.id }] : [],
    );
    return [...records, ...extra].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id));
  }

  async list(filter: EvidenceFilter = {}): Promise<EvidenceItem[]> {
    const ws = this.workspaces.require();
    const integrity = await this.integrity(ws);
    const records = (await this.allRecords(ws, integrity)).filter(
      (r) => (!filter.controlId || r.controlIds.includes(filter.controlId)) && (!filter.kind || r.kind === filter.kind),
    );
    const items = (await this.reader(ws).readAll(records)).map((read) =>
      withRecordCheck(itemOf(read, ws.meta.asOfDate), integrity),
    );
    return items.filter((i) => !filter.integrity || i.integrity === filter.integrity).reverse();
  }

  async item(id: string): Promise<EvidenceItem> {
    const ws = this.workspaces.require();
    const integrity = await this.integrity(ws);
    return withRecordCheck(
      itemOf(await this.reader(ws).read(await this.recordOf(ws, id, integrity)), ws.meta.asOfDate),
      integrity,
    );
  }

  private async recordOf(ws: OpenWorkspace, id: string, integrity: WorkspaceIntegrity | null): Promise<EvidenceRecord> {
    const sealed = integrity?.records.get(id)?.record;
    try {
      return await ws.evidence.get(id);
    } catch (error) {
      if (sealed) return { ...sealed, id };
      throw error;
    }
  }

  /**
   * The repair path for a damaged record: it is marked withdrawn, with who, when and why, in the
   * activity log. Nothing is deleted; the bundle leaves it out and lists it as withdrawn.
   */
  async withdraw(id: string, reason: string): Promise<EvidenceItem> {
    const before = await this.unsetItem(id);
    if (before.integrity === 'ok' && !before.recordProblem)
      throw new AppError(
        'INVALID_INPUT',
        `Evidence "${before.title}" (${id}) matches its seal and its hash; only damaged evidence is withdrawn.`,
        {
          hint: 'Withdrawing is the repair path for a record or file that is Tampered, Damaged or Missing. To set aside intact evidence that is wrong or superseded, retire it.',
        },
      );
    const problem = before.recordProblem?.message ?? `its file is ${before.integrity}`;
    return this.setStatus(before, 'withdrawn', reason, { problem });
  }

  /**
   * Sets aside intact evidence that is wrong or superseded (a screenshot of the wrong account, a
   * policy replaced by its new version): retired, with who, when and why, in the activity log.
   * Like a withdrawn record it stays in the workspace, is left out of bundles and is listed in
   * their manifest, as retired.
   */
  async retire(id: string, reason: string): Promise<EvidenceItem> {
    const before = await this.unsetItem(id);
    if (before.recordProblem || before.integrity !== 'ok')
      throw new AppError(
        'INVALID_INPUT',
        `Evidence "${before.title}" (${id}) is ${before.recordProblem?.state ?? before.integrity}, so it is withdrawn, not retired.`,
        {
          hint: 'Withdraw it with a reason on the Evidence screen: retiring is for intact evidence that is wrong or superseded.',
        },
      );
    return this.setStatus(before, 'retired', reason, {});
  }

  /** The record, refused when a status was already set: a status is set once and never undone. */
  private async unsetItem(id: string): Promise<EvidenceItem> {
    const item = await this.item(id);
    if (item.recordStatus)
      throw new AppError(
        'CONFLICT',
        `Evidence ${id} was already ${item.recordStatus.status} on ${item.recordStatus.at}.`,
      );
    return item;
  }

  /** One log line sets a record's status (record-seals.ts reads it back); the record itself never changes. */
  private async setStatus(
    item: EvidenceItem,
    status: RecordStatus,
    reason: string,
    details: Record<string, unknown>,
  ): Promise<EvidenceItem> {
    const ws = this.workspaces.require();
    const verb = status === 'withdrawn' ? 'Withdrew' : 'Retired';
    await ws.record({
      action: actionOfStatus(status),
      target: `evidence:${item.id}`,
      summary: `${verb} evidence "${item.title}" (${item.id}): ${reason}. It stays in the workspace, is left out of bundles and listed in their manifest as ${status}.`,
      details: { evidenceId: item.id, reason, ...details },
    });
    return this.item(item.id);
  }

  async provenance(id: string): Promise<EvidenceProvenance> {
    const ws = this.workspaces.require();
    const integrity = await this.integrity(ws);
    const record = await this.recordOf(ws, id, integrity);
    // Provenance always re-hashes: it is where a person goes to confirm the file still matches.
    const read = await this.reader(ws).read(record, { fresh: true });
    const { entries } = await ws.activity.read();
    return {
      item: withRecordCheck(itemOf(read, ws.meta.asOfDate), integrity),
      checkedAt: read.checkedAt,
      activity: entries.filter((e) => e.details?.evidenceId === id || e.target === `evidence:${id}`),
    };
  }

  /** The file for the viewer, verified against its hash first; a changed or unreadable file is refused with the reason. */
  async content(id: string): Promise<EvidenceContent> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    try {
      return await this.verifiedContent(ws, record);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'EVIDENCE_UNREADABLE',
        `Evidence "${record.title}" (${record.id}) could not be read (${errorCode(error)}), so it was not checked and is not shown.`,
        {
          hint: 'Check that you may read the workspace folder and its evidence files, then open the evidence again.',
          details: { evidenceId: record.id, sha256: record.sha256 },
        },
      );
    }
  }

  private async verifiedContent(ws: OpenWorkspace, record: EvidenceRecord): Promise<EvidenceContent> {
    const base = { id: record.id, mediaType: record.mediaType, size: record.size };
    if (record.mediaType.startsWith('image/') && record.size <= VIEWER_LIMITS.imageBytes) {
      return {
        ...base,
        encoding: 'base64',
        data: (await this.reader(ws).bytes(record)).toString('base64'),
        truncated: false,
      };
    }
    if (TEXT_TYPES.has(record.mediaType)) {
      const bytes = await this.reader(ws).bytes(record);
      const truncated = bytes.length > VIEWER_LIMITS.textBytes;
      return {
        ...base,
        encoding: 'text',
        data: bytes.subarray(0, VIEWER_LIMITS.textBytes).toString('utf8'),
        truncated,
      };
    }
    assertIntact(await this.reader(ws).read(record, { fresh: true }));
    return { ...base, encoding: 'none', data: '', truncated: false };
  }
}
