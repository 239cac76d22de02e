import { z } from 'zod';
import { IsoDate, Person } from './common';

/** The fields of a request the app understands; every other column of the firm's list is kept as it is. */
export const REQUEST_FIELDS = ['id', 'text', 'criteria', 'dueDate', 'owner'] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

export const REQUEST_FIELD_LABELS: Record<RequestField, string> = {
  id: 'Request id',
  text: 'Request text',
  criteria: 'Criteria or control reference',
  dueDate: 'Due date',
  owner: 'Owner',
};

/** Which column (by its header, as the file names it) holds each field; id and text are required. */
export const ColumnMapping = z.object({
  id: z.string().min(1, 'Choose the column that holds the request id'),
  text: z.string().min(1, 'Choose the column that holds the request text'),
  criteria: z.string().nullable().default(null),
  dueDate: z.string().nullable().default(null),
  owner: z.string().nullable().default(null),
  /** How `03/04/2027` reads when the column itself does not tell (no day above 12). */
  dateOrder: z.enum(['MDY', 'DMY']).default('MDY'),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const REQUEST_STATUSES = ['open', 'in_progress', 'submitted', 'accepted', 'returned'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  submitted: 'Submitted',
  accepted: 'Accepted',
  returned: 'Returned',
};

/** One line of the auditor's request list: the firm's words, and the company's answer. */
export const AuditRequest = z.object({
  id: z.string().min(1).max(200),
  /** The firm's columns exactly as they were in the file (header -> cell text). */
  cells: z.record(z.string(), z.string()),
  /** The mapped fields as the firm wrote them (the last import). */
  firm: z.object({
    text: z.string(),
    criteria: z.string().default(''),
    dueDate: IsoDate.nullable().default(null),
    owner: z.string().default(''),
  }),
  /** Set when the request disappeared from a later import; it is kept, never deleted. */
  withdrawnAt: z.string().nullable().default(null),
  // The answer.
  status: RequestStatus.default('open'),
  ownerId: z.string().nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  response: z.string().max(20_000).default(''),
  /** What the auditor said when returning it. */
  auditorComment: z.string().max(20_000).default(''),
  controlIds: z.array(z.string()).default([]),
  evidenceIds: z.array(z.string()).default([]),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type AuditRequest = z.infer<typeof AuditRequest>;

export const RequestImportRecord = z.object({
  at: z.string(),
  by: Person,
  fileName: z.string(),
  sha256: z.string(),
  sheet: z.string().nullable(),
  headerRow: z.number().int().positive(),
  added: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  withdrawn: z.number().int().nonnegative(),
});
export type RequestImportRecord = z.infer<typeof RequestImportRecord>;

export const REQUESTS_SCHEMA_VERSION = 1;
export const RequestsDoc = z.object({
  schemaVersion: z.literal(REQUESTS_SCHEMA_VERSION),
  /** The audit firm the current list came from. */
  firm: z.string().default(''),
  /** The firm's column headers in their order (the last import). */
  columns: z.array(z.string()).default([]),
  mapping: ColumnMapping.nullable().default(null),
  requests: z.array(AuditRequest).default([]),
  imports: z.array(RequestImportRecord).default([]),
  /** The mapping last used for each firm, proposed again on its next import. */
  mappingsByFirm: z.record(z.string(), ColumnMapping).default({}),
});
export type RequestsDoc = z.infer<typeof RequestsDoc>;

export const newRequestsDoc = (): RequestsDoc => RequestsDoc.parse({ schemaVersion: REQUESTS_SCHEMA_VERSION });
