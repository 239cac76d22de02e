import { z } from 'zod';
import { method } from '../define';
import { IsoDate } from '../../domain/common';
import {
  ColumnMapping,
  RequestStatus,
  type AuditRequest,
  type RequestField,
  type RequestImportRecord,
} from '../../domain/requests';
import type { ImportPlan } from '../../rules/requests/reimport';
import type { RequestSuggestions } from '../../rules/requests/suggest-links';
import type { RowProblem } from '../../rules/requests/types';

export interface RequestsView {
  firm: string;
  columns: string[];
  /** Which of the columns holds which field (the last import's). */
  mapping: ColumnMapping | null;
  requests: AuditRequest[];
  imports: RequestImportRecord[];
}

/** What an import would do, shown (with the mapping the person can correct) before anything changes. */
export interface RequestImportPreview {
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  sheets: { name: string; hidden: boolean }[];
  sheet: string | null;
  headerFirstRow: number;
  headerRow: number;
  columns: string[];
  /** Null until the person chooses the id and text columns (no header suggested them). */
  mapping: ColumnMapping | null;
  /** What the header names suggest for each field, also when it is not enough for a mapping (the person completes it). */
  proposal: Partial<Record<RequestField, string>>;
  /** Where the mapping came from: the firm's last import, the header names, or the person. */
  mappingFrom: 'firm' | 'headers' | 'given';
  /** The first rows of the sheet (to choose another header row) and the first rows under the header. */
  top: string[][];
  requests: number;
  problems: RowProblem[];
  problemCount: number;
  notices: string[];
  plan: ImportPlan | null;
}

export interface RequestImportResult {
  added: number;
  changed: number;
  withdrawn: number;
  reinstated: number;
  total: number;
  notices: string[];
}

const Token = z.string().regex(/^[a-f0-9]{24}$/, 'Not a picked file');
const RequestId = z.string().trim().min(1).max(200);

export const ImportOptions = z.object({
  token: Token,
  firm: z.string().trim().max(120).optional(),
  sheet: z.string().max(200).optional(),
  headerRow: z.number().int().min(1).max(1000).optional(),
  mapping: ColumnMapping.optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const requestsChannels = {
  list: method(z.undefined()).returns<RequestsView>(),
  /** Opens the file picker; the path stays in main. */
  pick: method(z.undefined()).returns<{ token: string; name: string } | null>(),
  preview: method(ImportOptions).returns<RequestImportPreview>(),
  /** Applies exactly the previewed file (`sha256`), all or nothing. */
  apply: method(ImportOptions.extend({ sha256: z.string().regex(/^[a-f0-9]{64}$/) })).returns<RequestImportResult>(),
  answer: method(
    z.object({
      id: RequestId,
      status: RequestStatus.optional(),
      ownerId: z.string().min(1).nullable().optional(),
      dueDate: IsoDate.nullable().optional(),
      response: z.string().max(20_000).optional(),
      auditorComment: z.string().max(20_000).optional(),
    }),
  ).returns<AuditRequest>(),
  link: method(
    z.object({
      id: RequestId,
      controlIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/)).max(200),
      evidenceIds: z.array(z.string().regex(/^ev_[a-z0-9]{6,40}$/)).max(500),
    }),
  ).returns<AuditRequest>(),
  suggestions: method(z.object({ id: RequestId })).returns<RequestSuggestions>(),
};
