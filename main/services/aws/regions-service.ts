import { regionsInUse, type AccountRegion } from '../../../shared/rules/account';
import { regionUsage, type RegionUse } from '../../../shared/rules/account/region-usage';
import { DEFAULT_CHECK_CONCURRENCY } from '../collectors/checks-service';
import { readRegionUsage, USAGE_READ_FOR_SETTINGS } from '../collectors/region-usage';
import type { AwsSettings } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/ipc/result';
import type { RegionsView } from '../../../shared/ipc/channels/regions';
import { abortableSleep } from '../abortable-sleep';
import { CallRecorder } from '../collectors/call-recorder';
import { DEFAULT_POLL_DELAYS_MS } from '../collectors/sources/credential-report';
import { regions as listRegions } from '../collectors/sources/account';
import { concurrencyLimit } from '../map-limit';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { AwsService } from './aws-service';
import { mapAwsError } from './errors';
import { ThrottlePatientRetryStrategy } from './retry-strategy';

export interface RegionsServiceDeps {
  workspaces: WorkspaceService;
  aws: Pick<AwsService, 'whoami' | 'clients'>;
  now: () => Date;
}

const STATUS: Record<AccountRegion['RegionOptStatus'], RegionsView['listed'][number]['status']> = {
  ENABLED_BY_DEFAULT: 'enabled_by_default',
  ENABLED: 'opted_in',
  ENABLING: 'not_enabled',
  DISABLING: 'not_enabled',
  DISABLED: 'not_enabled',
};

/**
 * The regions the regional checks read, as the engine decides them (shared/rules/account), and
 * the workspace's choice of them in Settings. Listing asks the profile's own account (Account
 * ListRegions); a failure to list is said, and the choice can still be edited.
 */
export class RegionsService {
  constructor(private readonly deps: RegionsServiceDeps) {}

  async view(): Promise<RegionsView> {
    const ws = this.deps.workspaces.require();
    const { profile, region, regions: chosen } = ws.meta.aws;
    const home = region ?? 'us-east-1';
    const answer = (
      listed: AccountRegion[] | null,
      accountId: string | null,
      problem: RegionsView['problem'],
      usage?: Map<string, RegionUse>,
    ): RegionsView => {
      const inUse = regionsInUse(listed, chosen, home);
      return {
        accountId,
        chosen: chosen ? [...chosen] : null,
        listed: (listed ?? [])
          .map((r) => ({ region: r.RegionName, status: STATUS[r.RegionOptStatus] }))
          .sort((a, b) => a.region.localeCompare(b.region)),
        inUse: inUse.regions.map((r) => {
          const u = usage?.get(r.region);
          return u ? { region: r.region, why: u.why, counted: u.inUse } : { ...r, counted: true };
        }),
        notEnabled: inUse.notEnabled,
        problem,
      };
    };
    if (!profile)
      return answer(null, null, {
        code: 'PROFILE_NOT_FOUND',
        message: 'No AWS profile is chosen, so the enabled regions cannot be listed.',
        hint: 'Choose a profile on the AWS screen and test the connection.',
      });
    const { aws, now } = this.deps;
    const clients = aws.clients.forRun({
      credentials: aws.clients.credentials(profile),
      requestTimeoutMs: 30_000,
      retryStrategy: new ThrottlePatientRetryStrategy(5, 1),
    });
    try {
      const identity = await aws.whoami(profile, region);
      const poll = { delaysMs: DEFAULT_POLL_DELAYS_MS, maxWaitMs: 30_000, sleep: abortableSleep };
      const recorder = new CallRecorder('account', identity.region, now, concurrencyLimit(1));
      const listed = await listRegions({
        accountId: identity.accountId,
        clients,
        region: identity.region,
        signal: new AbortController().signal,
        recorder,
        poll,
        dependency: () => Promise.reject(new Error('ListRegions depends on nothing')),
      });
      const regions = regionsInUse(listed.value, chosen, identity.region).regions.map((r) => r.region);
      // Where the account has resources, from the same answers and the same rule the run uses.
      const snapshot = await readRegionUsage({
        accountId: identity.accountId,
        partition: identity.principalArn.split(':')[1] || 'aws',
        clients,
        homeRegion: identity.region,
        regions,
        now,
        limit: concurrencyLimit(DEFAULT_CHECK_CONCURRENCY),
        signal: new AbortController().signal,
        poll,
      });
      const usage = regionUsage(snapshot, regions, {
        homeRegion: identity.region,
        ...(chosen && chosen.length > 0 ? { chosen: true } : {}),
        read: USAGE_READ_FOR_SETTINGS,
      });
      return answer(listed.value, identity.accountId, null, new Map(usage.map((u) => [u.region, u])));
    } catch (error) {
      const e = error instanceof AppError ? error : mapAwsError(error, { profile });
      return answer(null, null, { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
    } finally {
      clients.destroy();
    }
  }

  /** Saves the regions the regional checks read; null or empty: every region each account has enabled. */
  async choose(regions: string[] | null): Promise<AwsSettings> {
    const ws = this.deps.workspaces.require();
    const unique = regions && regions.length > 0 ? [...new Set(regions)].sort() : undefined;
    const meta = await ws.change('meta', (m) => ({ ...m, aws: { ...m.aws, regions: unique } }), {
      action: 'aws.regions-chosen',
      summary: unique
        ? `Regions the checks read: ${unique.join(', ')}`
        : 'Regions the checks read: every region each account has enabled',
      details: { regions: unique ?? null },
    });
    return meta.aws;
  }
}
