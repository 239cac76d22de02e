import { z } from 'zod';
import { method } from '../define';
import { ControlStatus, type ControlState, type Exclusion } from '../../domain/control-state';
import { IsoDate } from '../../domain/common';

const ControlId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Not a control id');

export interface ControlStateView {
  controlId: string;
  state: ControlState;
}

export const controlsChannels = {
  /** Workspace state of every control in the catalog (defaults for untouched ones). */
  states: method(z.undefined()).returns<Record<string, ControlState>>(),
  setOwner: method(
    z.object({ controlId: ControlId, ownerId: z.string().min(1).nullable() }),
  ).returns<ControlStateView>(),
  setStatus: method(z.object({ controlId: ControlId, status: ControlStatus })).returns<ControlStateView>(),
  setNotes: method(z.object({ controlId: ControlId, notes: z.string().max(20_000) })).returns<ControlStateView>(),
  addExclusion: method(
    z.object({
      controlId: ControlId,
      what: z.string(),
      reason: z.string(),
      approvedBy: z.string(),
      expiresOn: IsoDate,
    }),
  ).returns<Exclusion>(),
  removeExclusion: method(
    z.object({ controlId: ControlId, exclusionId: z.string().min(1) }),
  ).returns<ControlStateView>(),
};
