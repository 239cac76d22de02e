import { z } from 'zod';
import { Person } from './common';

export const EVIDENCE_REQUESTS_SCHEMA_VERSION = 1;

/** A person's written decision that the catalog's request does not apply to this company. */
export const NotApplicableMark = z.object({
  reason: z.string().trim().min(3, 'Say why the request does not apply').max(1000),
  by: Person,
  at: z.string(),
});
export type NotApplicableMark = z.infer<typeof NotApplicableMark>;

/**
 * What a person decided about one guided screenshot or document request of the catalog. Whether
 * it is provided is derived from evidence (a capture names its request; a person links others),
 * never stored as a flag that could drift from the evidence.
 */
export const EvidenceRequestMarks = z.object({
  notApplicable: NotApplicableMark.nullable().default(null),
  /** Evidence a person linked to the request (an import, or a capture made for another request). */
  evidenceIds: z.array(z.string().regex(/^ev_[a-z0-9]{6,40}$/)).default([]),
});
export type EvidenceRequestMarks = z.infer<typeof EvidenceRequestMarks>;

/** `evidence-requests.json`: the catalog's own evidence requests, by request id (`shot.…`, `doc.…`). */
export const EvidenceRequestsDoc = z.object({
  schemaVersion: z.literal(EVIDENCE_REQUESTS_SCHEMA_VERSION),
  requests: z.record(z.string(), EvidenceRequestMarks),
});
export type EvidenceRequestsDoc = z.infer<typeof EvidenceRequestsDoc>;

export const newEvidenceRequestsDoc = (): EvidenceRequestsDoc => ({
  schemaVersion: EVIDENCE_REQUESTS_SCHEMA_VERSION,
  requests: {},
});
