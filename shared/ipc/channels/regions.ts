import { z } from 'zod';
import { method } from '../define';
import { AwsRegion } from '../../domain/aws';
import type { AwsSettings } from '../../domain/workspace';
import type { AppErrorData } from '../result';

/** The regions the regional checks read, why each is read, and the workspace's choice (Settings). */
export interface RegionsView {
  /** The profile's own account, when its regions could be listed. */
  accountId: string | null;
  /** The regions chosen in Settings; null: every region the account has enabled. */
  chosen: string[] | null;
  /** Account ListRegions: every region and whether the account may use it (empty when it could not be listed). */
  listed: { region: string; status: 'enabled_by_default' | 'opted_in' | 'not_enabled' }[];
  /**
   * What the next run reads, each with why: where the account has resources ("3 VPCs besides the
   * default one", "bucket audit-logs lives here"), or "enabled, nothing found". `counted`: the
   * checks about a region as a whole (GuardDuty, EBS default, Config) judge it; an enabled
   * region with nothing found is read and listed, not counted.
   */
  inUse: { region: string; why: string; counted: boolean }[];
  /** Chosen but disabled or not opted in: recorded as such, never read. */
  notEnabled: string[];
  /** Why the regions could not be listed (not signed in, denied); the choice can still be edited. */
  problem: AppErrorData | null;
}

export const regionsChannels = {
  /** Lists the account's regions and says which the next run reads and why. */
  view: method(z.undefined()).returns<RegionsView>(),
  /** `regions` null or empty: every region each account has enabled. */
  choose: method(
    z.object({ regions: z.array(AwsRegion).max(40, 'Choose at most 40 regions').nullable() }),
  ).returns<AwsSettings>(),
};
