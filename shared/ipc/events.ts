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
  /**
   * A collection run moved on: one check (`done` of `total` steps; `result` once it is stored), or
   * one account (its regions read and checks done, see AccountRunProgress).
   */
  'checks.progress': z.union([
    z.object({
      runId: z.string(),
      checkId: z.string(),
      done: z.number(),
      total: z.number(),
      result: CheckResult.optional(),
    }),
    z.object({
      runId: z.string(),
      account: z.object({ id: z.string(), alias: z.string().optional() }),
      regionsRead: z.number().int().nonnegative().optional(),
      regionsTotal: z.number().int().nonnegative().optional(),
      checksDone: z.number().int().nonnegative(),
      checksTotal: z.number().int().nonnegative(),
    }),
  ]),
  /** Long work moved on: `done` of `total` (bytes), with the step it is in and a sentence for people. */
  progress: z.object({
    task: ProgressTask,
    step: z.string().optional(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
  }),
};
