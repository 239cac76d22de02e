import { z } from 'zod';
import { LoginProgress } from '../domain/aws';
import { CheckResult } from '../domain/findings';

/** Push events main sends to the renderer. Payloads are validated before they are sent. */
export const events = {
  'workspace.changed': z.object({ reason: z.string() }),
  /** A command from the app menu that the window carries out (About, Export diagnostics). */
  'app.command': z.object({ command: z.enum(['about', 'export-diagnostics']) }),
  /** AWS sign-in progress: the user code to match, then done, failed or cancelled. */
  'aws.login': LoginProgress,
  /** One check of a collection run moved on: `done` of `total` steps; `result` once it is stored. */
  'checks.progress': z.object({
    runId: z.string(),
    checkId: z.string(),
    done: z.number(),
    total: z.number(),
    result: CheckResult.optional(),
  }),
  progress: z.object({
    task: z.string(),
    step: z.string().optional(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
  }),
};
