import { z } from 'zod';
import { IsoDate, NonEmpty } from './common';

export const CONTROL_STATUSES = ['not_started', 'in_progress', 'ready_for_review', 'accepted'] as const;
export const ControlStatus = z.enum(CONTROL_STATUSES);
export type ControlStatus = z.infer<typeof ControlStatus>;

export const STATUS_LABELS: Record<ControlStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  ready_for_review: 'Ready for review',
  accepted: 'Accepted',
};

/** A documented, approved, expiring exception. */
export const Exclusion = z.object({
  id: z.string().min(1),
  what: NonEmpty('What is excluded', 500),
  reason: NonEmpty('Reason', 2000),
  approvedBy: NonEmpty('Approver', 120),
  expiresOn: IsoDate,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Exclusion = z.infer<typeof Exclusion>;

export const ControlState = z.object({
  ownerId: z.string().nullable().default(null),
  status: ControlStatus.default('not_started'),
  notes: z.string().max(20_000).default(''),
  exclusions: z.array(Exclusion).default([]),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type ControlState = z.infer<typeof ControlState>;

export const CONTROLS_SCHEMA_VERSION = 1;
export const ControlsDoc = z.object({
  schemaVersion: z.literal(CONTROLS_SCHEMA_VERSION),
  /** Keyed by catalog control id; a control absent here has the default state. */
  controls: z.record(z.string(), ControlState),
});
export type ControlsDoc = z.infer<typeof ControlsDoc>;

export const defaultControlState = (): ControlState => ControlState.parse({});
