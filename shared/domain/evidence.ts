import { z } from 'zod';
import { IsoDate, Person } from './common';

export const EVIDENCE_KINDS = ['api_snapshot', 'findings', 'screenshot', 'document'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** One AWS API call behind a piece of evidence: enough for an auditor to reconcile it with CloudTrail. */
export const ApiCall = z.object({
  service: z.string(),
  operation: z.string(),
  requestId: z.string().optional(),
  at: z.string(),
  region: z.string().optional(),
});
export type ApiCall = z.infer<typeof ApiCall>;

export const EvidenceSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('aws_api'), calls: z.array(ApiCall) }),
  z.object({
    type: z.literal('console_capture'),
    url: z.string(),
    windowSize: z.object({ width: z.number(), height: z.number() }),
  }),
  z.object({
    type: z.literal('web_capture'),
    url: z.string(),
    windowSize: z.object({ width: z.number(), height: z.number() }),
  }),
  z.object({ type: z.literal('import'), originalName: z.string() }),
  z.object({ type: z.literal('derived'), from: z.array(z.string()), rule: z.string() }),
]);
export type EvidenceSource = z.infer<typeof EvidenceSource>;

/** The AWS identity evidence was read with (from STS GetCallerIdentity at the start of the run). */
export const AwsContext = z.object({
  accountId: z.string(),
  accountAlias: z.string().optional(),
  principalArn: z.string(),
  region: z.string(),
  profile: z.string().optional(),
});
export type AwsContext = z.infer<typeof AwsContext>;

export const EVIDENCE_RECORD_VERSION = 1;

/**
 * The immutable sidecar of one evidence file. The file itself lives at
 * `evidence/files/<sha256>` and is never modified; a re-capture is a new record.
 */
export const EvidenceRecord = z.object({
  schemaVersion: z.literal(EVIDENCE_RECORD_VERSION),
  id: z.string().regex(/^ev_[a-z0-9]{6,40}$/),
  title: z.string().min(1).max(300),
  kind: EvidenceKind,
  mediaType: z.string(),
  /** A descriptive file name with extension, used inside the bundle. */
  fileName: z.string().min(1).max(200),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  size: z.number().int().nonnegative(),
  controlIds: z.array(z.string()).min(1),
  checkId: z.string().optional(),
  /** Groups the files of one collection run (raw responses, findings). */
  runId: z.string().optional(),
  source: EvidenceSource,
  aws: AwsContext.optional(),
  capturedAt: z.string(),
  effectiveDate: IsoDate,
  capturedBy: Person,
  appVersion: z.string(),
  /** Free-form, non-secret facts shown in the provenance panel (window size, limits applied...). */
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

export type EvidenceIntegrity = 'ok' | 'tampered' | 'missing';
/** As the library shows it: `unreadable` when the file is there but could not be re-hashed (permissions, too many open files). */
/** The file's own check: `unreadable` when it could not be re-hashed. */
export type FileIntegrity = EvidenceIntegrity | 'unreadable';
export const LISTED_INTEGRITIES = ['ok', 'tampered', 'missing', 'unreadable', 'damaged'] as const;
/** `damaged`: the record (not the file) cannot be read. */
export type ListedIntegrity = (typeof LISTED_INTEGRITIES)[number];
