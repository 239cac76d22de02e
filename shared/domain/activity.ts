import { z } from 'zod';

/** One line of `activity.jsonl`: who did what, when. Never holds secrets. */
export const ActivityEntry = z.object({
  at: z.string(),
  actor: z.object({ name: z.string(), email: z.string() }),
  action: z.string(),
  target: z.string().optional(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  /**
   * The SHA-256 (hex) of the line before this one in `activity.jsonl` (64 zeros on the first
   * line): the log is a hash chain, so a changed, removed or reordered line is found. Lines
   * written before sealing existed have none; the `workspace.sealed` line seals them at once.
   */
  prevSha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/)
    .optional(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;
