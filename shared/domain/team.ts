import { z } from 'zod';
import { Email, NonEmpty } from './common';

export const TeamMember = z.object({
  id: z.string().min(1),
  name: NonEmpty('Name', 120),
  email: Email,
  role: z.string().trim().max(80).default(''),
  addedAt: z.string(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TEAM_SCHEMA_VERSION = 1;
export const TeamDoc = z.object({
  schemaVersion: z.literal(TEAM_SCHEMA_VERSION),
  members: z.array(TeamMember),
});
export type TeamDoc = z.infer<typeof TeamDoc>;
