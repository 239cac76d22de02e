import { z } from 'zod';

/** Push events main sends to the renderer. Payloads are validated before they are sent. */
export const events = {
  'workspace.changed': z.object({ reason: z.string() }),
  progress: z.object({
    task: z.string(),
    step: z.string().optional(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
  }),
};
