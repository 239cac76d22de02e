import { evaluateCheck } from '../../../shared/checks/evaluate';
import { checkById } from '../../../shared/checks/registry';
import { SOURCES, isRegional, type AccountKey, type RegionalKey } from '../../../shared/checks/sources';
import type { CheckDefinition, Snapshot, SourceErrors, SourceKey } from '../../../shared/checks/types';
import type { Finding, FindingError } from '../../../shared/domain/findings';
import type { CheckSettings } from '../../../shared/domain/workspace';
import type { AppError } from '../../../shared/ipc/result';
import type { InRegion } from '../../../shared/rules/regional';
import { abortError } from '../abortable-sleep';
import { mapAwsError, type ErrorContext } from '../aws/errors';
import type { RunClients } from '../aws/run-clients';
import type { Limit } from '../map-limit';
import { trackAccounts, type AccountProgress } from './account-progress';
import { CallRecorder } from './call-recorder';
import { regionNotEnabled } from './region-errors';
import { ACCOUNT_FETCHERS, REGIONAL_FETCHERS } from './sources';
import type { PollOptions, RawFile, SourceContext, SourceResult } from './sources/types';
import { isCredentialError, isErrorCode, type ErrorCode } from '../../../shared/ipc/errors';

/** Errors after which no further call can succeed: the run stops and says how to fix it. */
const STOPS_THE_RUN: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'CLOCK_SKEW',
  'NETWORK',
  'PROFILE_NOT_FOUND',
  'PROFILE_INVALID',
]);
const isFatal = (code: string) => isErrorCode(code) && (isCredentialError(code) || STOPS_THE_RUN.has(code));

/** One source's answer as stored in evidence: which region it was read in, its files and calls. */
export interface UsedSource {
  key: SourceKey;
  /** The region it was read in (the account's home region for account-wide sources). */
  region: string;
  result: { files: RawFile[]; calls: SourceResult<SourceKey>['calls'] };
}

/** One account the run reads: its clients, the region its account-wide sources are read in, and its regions in use. */
export interface AccountTarget {
  accountId: string;
  partition: string;
  homeRegion: string;
  /** Regions the regional sources are read in. */
  regions: string[];
  /** Regions in use that AWS says are not enabled for the account: recorded as such, never called. */
  notEnabled?: string[];
  /** The regions were chosen in Settings: each counts as in use, whatever is found there. */
  regionsChosen?: boolean;
  clients: RunClients;
}

export interface CheckOutcome {
  checkId: string;
  accountId: string;
  finding: Finding;
  /** The sources the finding was computed from, with their raw files and calls. */
  sources: UsedSource[];
  /** False when the run stopped or was cancelled before the check could be evaluated. */
  complete: boolean;
}

export interface CollectOptions {
  accounts: AccountTarget[];
  checkIds: string[];
  settings: CheckSettings;
  now: () => Date;
  signal: AbortSignal;
  poll: PollOptions;
  errorContext: ErrorContext;
  /** Bounds the calls in flight at once, across accounts, regions and services. */
  limit: Limit;
  /** A source settled: `done` of `total` steps of this check are finished. */
  onProgress?: (checkId: string, done: number, total: number) => void;
  /** An account moved on: a region's regional sources all settled, or a check was evaluated there. */
  onAccountProgress?: (accountId: string, progress: AccountProgress) => void;
  /** Called as soon as a check is evaluated for an account, so its evidence is stored while others still run. */
  onCheck: (outcome: CheckOutcome) => Promise<void>;
}

export interface CollectResult {
  outcomes: CheckOutcome[];
  /** Set when a fatal error (expired session, network) stopped the run. */
  stopped?: AppError;
  cancelled: boolean;
}

export const toFindingError = (e: AppError, key: SourceKey): FindingError => {
  const missing =
    e.code === 'ACCESS_DENIED'
      ? ((e.details?.missingPermission as string | undefined) ?? SOURCES[key].actions[0])
      : undefined;
  return {
    code: e.code,
    message: e.message,
    ...(e.hint ? { hint: e.hint } : {}),
    ...(missing ? { missingAction: missing } : {}),
  };
};

/** `ec2-DescribeVpcs.json` read in eu-west-1 is stored as `ec2-DescribeVpcs-eu-west-1.json`. */
const inRegion = (file: RawFile, region: string): RawFile => {
  const dot = file.fileName.lastIndexOf('.');
  const fileName =
    dot > 0 ? `${file.fileName.slice(0, dot)}-${region}${file.fileName.slice(dot)}` : `${file.fileName}-${region}`;
  return { ...file, fileName, title: `${file.title} in ${region}` };
};

const NOT_ENABLED = (region: string): FindingError => ({
  code: 'REGION_NOT_ENABLED',
  message: `${region} is not enabled (opted in) for this account, so it was not read.`,
});

type Read = { value: unknown; files: RawFile[]; calls: SourceResult<SourceKey>['calls'] };

/**
 * Collects what the selected checks need, each source once per account and region, with
 * bounded concurrency, and evaluates every check for every account as soon as its sources are
 * in. A denied or failing source makes only the checks that require it `error` (a regional one
 * only in its region); an expired session stops the run but keeps what was already evaluated.
 */
export async function collectChecks(o: CollectOptions): Promise<CollectResult> {
  const internal = new AbortController();
  const signal = AbortSignal.any([o.signal, internal.signal]);
  const { limit } = o;
  let stopped: AppError | undefined;
  // Evidence that cannot be stored (disk full) ends the run: findings without evidence are worthless.
  let storeFailure: unknown;
  const started = new Map<string, Promise<Read>>();
  const checks = o.checkIds.map((id) => {
    const def = checkById(id);
    if (!def) throw new Error(`Unknown check ${id}`);
    return def;
  });
  const accountProgress = trackAccounts(o, checks);

  const read = (account: AccountTarget, key: SourceKey, region: string): Promise<Read> => {
    const cacheKey = `${account.accountId}/${region}/${key}`;
    let p = started.get(cacheKey);
    if (!p) {
      const recorder = new CallRecorder(SOURCES[key].service, region, o.now, limit);
      const ctx: SourceContext = {
        accountId: account.accountId,
        clients: account.clients,
        region,
        signal,
        recorder,
        poll: o.poll,
        dependency: (<D extends SourceKey>(dep: D) =>
          read(account, dep, account.homeRegion)) as SourceContext['dependency'],
      };
      const fetch = (isRegional(key)
        ? REGIONAL_FETCHERS[key as RegionalKey]
        : ACCOUNT_FETCHERS[key as AccountKey]) as unknown as (ctx: SourceContext) => Promise<Read>;
      p = fetch(ctx).catch((e: unknown) => {
        const aws = mapAwsError(e, { ...o.errorContext, action: SOURCES[key].actions[0] });
        const mapped = isRegional(key) ? regionNotEnabled(aws, region, account.homeRegion) : aws;
        if (isFatal(mapped.code) && !stopped) {
          stopped = mapped;
          internal.abort(abortError());
        }
        throw mapped;
      });
      p.then(
        () => accountProgress.settled(account, key, region),
        () => accountProgress.settled(account, key, region),
      );
      started.set(cacheKey, p);
    }
    return p;
  };

  /** A source for a check: account-wide as read, regional gathered region by region (an error stays in its region). */
  const gather = async (
    account: AccountTarget,
    key: SourceKey,
  ): Promise<{ value: unknown; used: UsedSource[] } | { error: AppError }> => {
    if (!isRegional(key)) {
      try {
        const r = await read(account, key, account.homeRegion);
        return { value: r.value, used: [{ key, region: account.homeRegion, result: r }] };
      } catch (e) {
        return { error: e as AppError };
      }
    }
    const used: UsedSource[] = [];
    const value: InRegion<unknown>[] = [];
    const off = new Set(account.notEnabled ?? []);
    for (const region of off) value.push({ region, error: NOT_ENABLED(region) });
    const answers = await Promise.all(
      account.regions
        .filter((r) => !off.has(r))
        .map((region) =>
          read(account, key, region).then(
            (r) => ({ region, r }),
            (e: AppError) => ({ region, e }),
          ),
        ),
    );
    for (const a of answers) {
      if ('r' in a) {
        value.push({ region: a.region, value: a.r.value });
        used.push({
          key,
          region: a.region,
          result: { files: a.r.files.map((f) => inRegion(f, a.region)), calls: a.r.calls },
        });
      } else {
        // A stop or cancel is the run's error, not this region's.
        if (a.e.code === 'CANCELLED' || isFatal(a.e.code)) return { error: stopped ?? a.e };
        value.push({ region: a.region, error: toFindingError(a.e, key) });
      }
    }
    value.sort((x, y) => x.region.localeCompare(y.region));
    return { value, used };
  };

  // The credential report takes longest (AWS generates it); start it before anything else.
  for (const account of o.accounts)
    if (checks.some((c) => [...c.requires, ...c.uses].includes('credentialReport')))
      void read(account, 'credentialReport', account.homeRegion).catch(() => undefined);

  const evaluateFor = async (
    def: CheckDefinition,
    account: AccountTarget,
    onSettled: () => void,
  ): Promise<CheckOutcome> => {
    const keys = [...def.requires, ...def.uses];
    const settled = await Promise.all(
      keys.map((key) =>
        gather(account, key)
          .then((g) => ({ key, ...g }))
          .finally(onSettled),
      ),
    );
    const snapshot: Snapshot = { accountId: account.accountId, partition: account.partition };
    const errors: SourceErrors = {};
    const used: UsedSource[] = [];
    for (const s of settled) {
      if ('value' in s) {
        (snapshot as unknown as Record<string, unknown>)[s.key] = s.value;
        used.push(...s.used);
      } else {
        errors[s.key] = toFindingError(stopped && s.error.code === 'CANCELLED' ? stopped : s.error, s.key);
      }
    }
    const regions = [...new Set([...account.regions, ...(account.notEnabled ?? [])])].sort();
    const finding = evaluateCheck(
      def,
      {
        snapshot,
        regions,
        homeRegion: account.homeRegion,
        ...(account.regionsChosen ? { regionsChosen: true } : {}),
        settings: o.settings,
        now: o.now(),
      },
      errors,
    );
    // A check whose required answers were cut off by a stop or cancel has no result to keep.
    const interrupted = def.requires.some(
      (k) => errors[k] && (errors[k].code === 'CANCELLED' || isFatal(errors[k].code)),
    );
    const outcome = { checkId: def.id, accountId: account.accountId, finding, sources: used, complete: !interrupted };
    if (outcome.complete && !o.signal.aborted && storeFailure === undefined) {
      try {
        await o.onCheck(outcome);
      } catch (e) {
        storeFailure ??= e;
        internal.abort(abortError());
      }
    }
    accountProgress.checked(account);
    return outcome;
  };

  accountProgress.start();
  const outcomes = await Promise.all(
    checks.map(async (def) => {
      const total = (def.requires.length + def.uses.length) * o.accounts.length + 1;
      let done = 0;
      o.onProgress?.(def.id, done, total);
      const results = await Promise.all(
        o.accounts.map((account) => evaluateFor(def, account, () => o.onProgress?.(def.id, ++done, total))),
      );
      o.onProgress?.(def.id, total, total);
      return results;
    }),
  );
  if (storeFailure !== undefined) throw storeFailure;
  return { outcomes: outcomes.flat(), ...(stopped ? { stopped } : {}), cancelled: o.signal.aborted };
}
