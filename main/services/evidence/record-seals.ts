import { createHash } from 'node:crypto';
import { EvidenceRecord } from '../../../shared/domain/evidence';
import { canonicalJson } from '../../../shared/util/canonical-json';
import type { ChainLine } from '../workspace/activity-chain';
import {
  RECORD_STATUS_ACTIONS,
  type RecordStatus as SetStatus,
  type RecordStatusView,
} from '../../../shared/domain/record-status';

/** The canonical SHA-256 of a record as stored (keys sorted): any edit to any field changes it. */
export const recordSha256 = (raw: unknown) => createHash('sha256').update(canonicalJson(raw), 'utf8').digest('hex');

/**
 * The canonical SHA-256 of a record as a bundle ships it: its manifest entry with what is not a
 * record field (`path`, `flags`, `recordSha256`) left out. Equal to the seal for every record
 * the app wrote; the export's own verify refuses a bundle where it is not.
 */
export const shippedRecordSha256 = (entry: EvidenceRecord) => recordSha256(EvidenceRecord.parse(entry));

/** The log lines that seal a record: added by the app, or sealed once when an older workspace was migrated. */
export const SEALING_ACTIONS = new Set(['evidence.added', 'evidence.sealed']);

/** A record's status after it was sealed: active, or one of the statuses a log line sets (shared/domain/record-status.ts). */
export type RecordStatus = 'active' | SetStatus;

export interface Seal {
  evidenceId: string;
  recordSha256: string;
  fileSha256: string;
  /** The record as it was sealed, to name the field an edit changed. */
  record: Record<string, unknown> | null;
  line: number;
}

export interface StatusChange extends RecordStatusView {
  /** The line of activity.jsonl that set it. */
  line: number;
}

export interface SealIndex {
  seals: Map<string, Seal>;
  status: Map<string, StatusChange>;
  /** The records the `workspace.sealed` line listed (an older workspace sealed once), with its line. */
  migrated: { line: number; ids: string[] } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function sealIndex(lines: ChainLine[]): SealIndex {
  const seals = new Map<string, Seal>();
  const status = new Map<string, StatusChange>();
  let migrated: SealIndex['migrated'] = null;
  for (const { entry, number } of lines) {
    const d = entry.details ?? {};
    if (SEALING_ACTIONS.has(entry.action) && typeof d.evidenceId === 'string' && typeof d.recordSha256 === 'string') {
      seals.set(d.evidenceId, {
        evidenceId: d.evidenceId,
        recordSha256: d.recordSha256,
        fileSha256: typeof d.sha256 === 'string' ? d.sha256 : '',
        record: isObject(d.record) ? d.record : null,
        line: number,
      });
    }
    const next = RECORD_STATUS_ACTIONS[entry.action as keyof typeof RECORD_STATUS_ACTIONS];
    // The first status stands: a status is set once and never undone.
    if (next && typeof d.evidenceId === 'string' && !status.has(d.evidenceId)) {
      status.set(d.evidenceId, {
        status: next,
        reason: typeof d.reason === 'string' ? d.reason : '',
        by: entry.actor,
        at: entry.at,
        line: number,
      });
    }
    if (entry.action === 'workspace.sealed' && Array.isArray(d.records))
      migrated = { line: number, ids: d.records.filter((id): id is string => typeof id === 'string') };
  }
  return { seals, status, migrated };
}

/** The first field (dotted path, `aws.accountId`) where the record on disk differs from the sealed one. */
export function differingField(sealed: unknown, actual: unknown, path = ''): string | null {
  if (canonicalJson(sealed) === canonicalJson(actual)) return null;
  if (isObject(sealed) && isObject(actual)) {
    // The id first: a record swapped with another differs there before anywhere else.
    const keys = [...new Set([...Object.keys(sealed), ...Object.keys(actual)])].sort((a, b) =>
      a === 'id' ? -1 : b === 'id' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    for (const key of keys) {
      const found = differingField(sealed[key], actual[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return path || '(the whole record)';
}
