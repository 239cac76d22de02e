import { z } from 'zod';
import { method } from '../define';
import { Category, CheckSettingsPatch, NewWorkspaceInput, type WorkspaceMeta } from '../../domain/workspace';
import { IsoDate, Person } from '../../domain/common';
import type { TeamMember } from '../../domain/team';
import type { ActivityEntry } from '../../domain/activity';

export interface RecentWorkspace {
  path: string;
  companyName: string;
  openedAt: string;
}

/** A workspace file the app refused to load, and whether a last-good backup can replace it. */
export interface DamagedFile {
  file: string;
  problem: string;
  backupAvailable: boolean;
}

export interface WorkspaceSnapshot {
  path: string;
  meta: WorkspaceMeta;
  members: TeamMember[];
  /** The person using the app on this machine, matched to a team member when possible. */
  me: Person | null;
  meMemberId: string | null;
}

const Folder = z.string().min(1, 'Choose a folder').max(4096);

export const workspaceChannels = {
  recent: method(z.undefined()).returns<RecentWorkspace[]>(),
  create: method(NewWorkspaceInput).returns<WorkspaceSnapshot>(),
  /** The sample company in `folder`, backed by the built-in sandbox: signed in, team and statuses filled, checks run. */
  createSample: method(z.object({ folder: Folder })).returns<WorkspaceSnapshot>(),
  open: method(z.object({ folder: Folder, takeOverStaleLock: z.boolean().optional() })).returns<WorkspaceSnapshot>(),
  current: method(z.undefined()).returns<WorkspaceSnapshot | null>(),
  close: method(z.undefined()).returns<null>(),
  /** Replace a damaged file with its last-good backup; the damaged file is kept beside it. */
  restoreBackup: method(
    z.object({ folder: Folder, file: z.string().min(1).max(200), takeOverStaleLock: z.boolean().optional() }),
  ).returns<{ restored: string; damagedCopy: string | null }>(),
  pickFolder: method(z.object({ purpose: z.enum(['create', 'open']) })).returns<string | null>(),
  updateSettings: method(
    z
      .strictObject({
        companyName: z.string().trim().min(1).max(160).optional(),
        systemName: z.string().trim().min(1).max(160).optional(),
        asOfDate: IsoDate.optional(),
        categories: z.array(Category).min(1).optional(),
        checkSettings: CheckSettingsPatch.optional(),
      })
      .refine((v) => Object.keys(v).length > 0, 'Nothing to change'),
  ).returns<WorkspaceSnapshot>(),
};

export const identityChannels = {
  get: method(z.undefined()).returns<Person | null>(),
  set: method(Person).returns<WorkspaceSnapshot | null>(),
};

export const teamChannels = {
  list: method(z.undefined()).returns<TeamMember[]>(),
  add: method(
    z.object({ name: z.string(), email: z.string(), role: z.string().max(80).optional() }),
  ).returns<TeamMember>(),
  update: method(
    z.object({
      id: z.string().min(1),
      name: z.string().optional(),
      email: z.string().optional(),
      role: z.string().max(80).optional(),
    }),
  ).returns<TeamMember>(),
  remove: method(z.object({ id: z.string().min(1) })).returns<null>(),
};

/** Activity entries, and the lines of activity.jsonl that could not be read (count, first few 1-based line numbers). */
export interface ActivityList {
  entries: ActivityEntry[];
  unreadable: { count: number; lines: number[] };
}

export const activityChannels = {
  list: method(
    z
      .object({ limit: z.number().int().min(1).max(1000).default(200), target: z.string().optional() })
      .default({ limit: 200 }),
  ).returns<ActivityList>(),
};
