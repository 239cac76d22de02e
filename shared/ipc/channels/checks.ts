import { z } from 'zod';
import { method } from '../define';
import type { CheckRun, ControlFindings, LatestFinding } from '../../domain/findings';

const CheckId = z.string().regex(/^[a-z0-9]+\.[a-z0-9-]+$/, 'Not a check id');
const ControlId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Not a control id');

export const checksChannels = {
  /** Runs all checks, the named ones, or one control's, with the workspace's AWS profile; progress comes as `checks.progress`. */
  run: method(
    z.object({ checkIds: z.array(CheckId).max(50).optional(), controlId: ControlId.optional() }).default({}),
  ).returns<CheckRun>(),
  /** True when a run was going and is now being cancelled. */
  cancel: method(z.undefined()).returns<boolean>(),
  running: method(z.undefined()).returns<boolean>(),
  /** The latest stored finding of each check the control expects, with who collected it and when. */
  forControl: method(z.object({ controlId: ControlId })).returns<ControlFindings>(),
  /** The latest stored finding of every check that has one. */
  latest: method(z.undefined()).returns<LatestFinding[]>(),
};
