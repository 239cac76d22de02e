import { z } from 'zod';
import { method } from '../define';
import { IsoDate } from '../../domain/common';
import {
  EvidenceKind,
  LISTED_INTEGRITIES,
  type EvidenceRecord,
  type FileIntegrity,
  type ListedIntegrity,
} from '../../domain/evidence';
import type { ActivityEntry } from '../../domain/activity';
import type { RecordStatusView } from '../../domain/record-status';
import type { FreshnessFlag } from '../../rules/freshness';

export interface EvidenceItem extends EvidenceRecord {
  integrity: ListedIntegrity;
  /** Why the file could not be re-hashed (`integrity: 'unreadable'`), e.g. `EACCES`; checked again on the next read. */
  readError?: string;
  /** The record against its seal in the activity log: what differs, when it is Tampered, Damaged or Missing. */
  recordProblem?: {
    state: 'tampered' | 'damaged' | 'missing';
    field?: string;
    message: string;
    /** The file's own check, which `integrity` no longer shows once the record has a problem. */
    fileIntegrity: FileIntegrity;
  };
  /** Withdrawn (damaged) or retired (wrong or superseded): kept and listed, never exported; the reason is logged. */
  recordStatus?: RecordStatusView;
  /**
   * Dated after the workspace's as-of date, or before the default freshness window (an import by
   * its effective date); absent when neither. The export's pre-flight applies the same rule.
   */
  dateFlags?: FreshnessFlag[];
}

/** What the viewer shows; the renderer never gets a path it could open. */
export interface EvidenceContent {
  id: string;
  mediaType: string;
  /** `none`: no in-app preview for this type (PDF, Office); the bundle carries the file. */
  encoding: 'base64' | 'text' | 'none';
  data: string;
  /** True when `data` holds only the first `VIEWER_LIMITS` bytes of a text file. */
  truncated: boolean;
  size: number;
}

export interface EvidenceProvenance {
  item: EvidenceItem;
  /** When the file was last re-hashed for `integrity` (UTC). */
  checkedAt: string;
  /** Activity entries about this evidence, newest first. */
  activity: ActivityEntry[];
}

/** A file chosen in the picker: main keeps its path and gives the renderer a token. */
export interface PickedFile {
  token: string;
  name: string;
  size: number;
}

/** Bytes the viewer receives at most: images whole up to the first, text up to the second. */
export const VIEWER_LIMITS = { imageBytes: 40 * 1024 * 1024, textBytes: 2 * 1024 * 1024 };

/** Imports of this size or more show their progress (bytes copied, checked and hashed) with Cancel. */
export const IMPORT_PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

/** Dropped and pasted files travel over IPC as base64; larger ones go through "Choose files". */
export const DROP_MAX_BYTES = 50 * 1024 * 1024;

const ControlIds = z
  .array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Not a control id'))
  .min(1, 'Choose at least one control');
const EvidenceId = z.string().regex(/^ev_[a-z0-9]{6,40}$/, 'Not an evidence id');

export const ImportDetails = z.object({
  title: z.string().trim().min(1, 'Give the evidence a title').max(300),
  effectiveDate: IsoDate,
  controlIds: ControlIds,
});
export type ImportDetails = z.infer<typeof ImportDetails>;

export const evidenceChannels = {
  /** Every record with its integrity (re-hashed when the file changed on disk). */
  list: method(
    z
      .object({
        controlId: z.string().max(80).optional(),
        kind: EvidenceKind.optional(),
        integrity: z.enum(LISTED_INTEGRITIES).optional(),
      })
      .optional(),
  ).returns<EvidenceItem[]>(),
  provenance: method(z.object({ id: EvidenceId })).returns<EvidenceProvenance>(),
  content: method(z.object({ id: EvidenceId })).returns<EvidenceContent>(),
  /** Withdraws a damaged record with a reason: kept and listed, logged, left out of bundles, never deleted. */
  withdraw: method(
    z.object({ id: EvidenceId, reason: z.string().trim().min(3, 'Say why the record is withdrawn').max(1000) }),
  ).returns<EvidenceItem>(),
  /** Retires intact evidence that is wrong or superseded, with a reason: kept and listed, logged, left out of bundles. */
  retire: method(
    z.object({ id: EvidenceId, reason: z.string().trim().min(3, 'Say why the evidence is retired').max(1000) }),
  ).returns<EvidenceItem>(),
  pickFiles: method(z.undefined()).returns<PickedFile[]>(),
  /**
   * Imports report `progress` events with task "import" from IMPORT_PROGRESS_MIN_BYTES on;
   * cancelled, an import fails with CANCELLED and the workspace is as it was.
   */
  importPicked: method(ImportDetails.extend({ token: z.string().min(8).max(80) })).returns<EvidenceItem>(),
  importBytes: method(
    ImportDetails.extend({
      name: z.string().trim().min(1).max(255),
      // base64 of DROP_MAX_BYTES is 4/3 as long.
      dataBase64: z
        .string()
        .min(1, 'The file is empty')
        .max(Math.ceil((DROP_MAX_BYTES * 4) / 3) + 4, 'Files over 50 MB must be added with "Choose files"'),
      via: z.enum(['drop', 'paste']),
    }),
  ).returns<EvidenceItem>(),
  /** Cancels the imports in progress: each removes its staged copy and adds nothing. */
  cancelImport: method(z.undefined()).returns<{ cancelled: boolean }>(),
};
