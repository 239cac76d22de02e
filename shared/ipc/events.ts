import { z } from 'zod';
import { LoginProgress } from '../domain/aws';
import { CheckResult } from '../domain/findings';

/** Long work that reports `progress` and can be cancelled, each through its own domain's cancel channel. */
export const PROGRESS_TASKS = ['export', 'verify', 'import'] as const;
export const ProgressTask = z.enum(PROGRESS_TASKS);
export type ProgressTask = z.infer<typeof ProgressTask>;

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
  /** Long work moved on: `done` of `total` (bytes), with the step it is in and a sentence for people. */
  progress: z.object({
    task: ProgressTask,
    step: z.string().optional(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
  }),
};
