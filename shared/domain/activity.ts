import { z } from 'zod';

/** One line of `activity.jsonl`: who did what, when. Never holds secrets. */
export const ActivityEntry = z.object({
  at: z.string(),
  actor: z.object({ name: z.string(), email: z.string() }),
  action: z.string(),
  target: z.string().optional(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;
