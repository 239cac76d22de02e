import { evaluateCheck } from '../../../shared/checks/evaluate';
import { checkById } from '../../../shared/checks/registry';
import { SOURCES } from '../../../shared/checks/sources';
import type { CheckDefinition, Snapshot, SourceErrors, SourceKey } from '../../../shared/checks/types';
import type { Finding, FindingError } from '../../../shared/domain/findings';
import type { CheckSettings } from '../../../shared/domain/workspace';
import type { AppError } from '../../../shared/ipc/result';
import { abortError } from '../abortable-sleep';
import { mapAwsError, type ErrorContext } from '../aws/errors';
import type { RunClients } from '../aws/run-clients';
import { concurrencyLimit } from '../map-limit';
import { CallRecorder } from './call-recorder';
import { FETCHERS } from './sources';
import type { PollOptions, SourceResult } from './sources/types';

/** Errors after which no further call can succeed: the run stops and says how to fix it. */
const FATAL = new Set([
  'SSO_TOKEN_EXPIRED',
  'SSO_TOKEN_MISSING',
  'CREDENTIALS_EXPIRED',
  'CREDENTIALS_MISSING',
  'CLOCK_SKEW',
  'NETWORK',
  'PROFILE_NOT_FOUND',
  'PROFILE_INVALID',
]);

export interface UsedSource {
  key: SourceKey;
  result: SourceResult<SourceKey>;
}

/** One account the run reads: its clients and the region its account-wide sources are read in. */
export interface AccountTarget {
  accountId: string;
  partition: string;
  homeRegion: string;
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
  /** Calls in flight at once, across accounts and services. */
  concurrency?: number;
  /** A source settled: `done` of `total` steps of this check are finished. */
  onProgress?: (checkId: string, done: number, total: number) => void;
  /** Called as soon as a check is evaluated for an account, so its evidence is stored while others still run. */
  onCheck: (outcome: CheckOutcome) => Promise<void>;
}

export interface CollectResult {
  outcomes: CheckOutcome[];
  /** Set when a fatal error (expired session, network) stopped the run. */
  stopped?: AppError;
  cancelled: boolean;
}

const toFindingError = (e: AppError, key: SourceKey): FindingError => {
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

/**
 * Collects what the selected checks need, each source once per account (and region), with
 * bounded concurrency, and evaluates every check as soon as its sources are in. A denied or
 * failing source makes only the checks that require it `error`; an expired session stops the
 * run but keeps what was already evaluated.
 */
export async function collectChecks(o: CollectOptions): Promise<CollectResult> {
  const internal = new AbortController();
  const signal = AbortSignal.any([o.signal, internal.signal]);
  const limit = concurrencyLimit(o.concurrency ?? 6);
  let stopped: AppError | undefined;
  // Evidence that cannot be stored (disk full) ends the run: findings without evidence are worthless.
  let storeFailure: unknown;
  const started = new Map<string, Promise<SourceResult<SourceKey>>>();

  const source = <K extends SourceKey>(account: AccountTarget, key: K, region: string): Promise<SourceResult<K>> => {
    const cacheKey = `${account.accountId}/${region}/${key}`;
    let p = started.get(cacheKey);
    if (!p) {
      const recorder = new CallRecorder(SOURCES[key].service, region, o.now, limit);
      const fetch = FETCHERS[key] as unknown as (ctx: unknown) => Promise<SourceResult<SourceKey>>;
      p = fetch({
        clients: account.clients,
        region,
        signal,
        recorder,
        poll: o.poll,
        dependency: <D extends SourceKey>(dep: D) => source(account, dep, region),
      }).catch((e: unknown) => {
        const mapped = mapAwsError(e, { ...o.errorContext, action: SOURCES[key].actions[0] });
        if (FATAL.has(mapped.code) && !stopped) {
          stopped = mapped;
          internal.abort(abortError());
        }
        throw mapped;
      });
      started.set(cacheKey, p);
    }
    return p as Promise<SourceResult<K>>;
  };

  const checks = o.checkIds.map((id) => {
    const def = checkById(id);
    if (!def) throw new Error(`Unknown check ${id}`);
    return def;
  });
  // The credential report takes longest (AWS generates it); start it before anything else.
  for (const account of o.accounts)
    if (checks.some((c) => [...c.requires, ...c.uses].includes('credentialReport')))
      void source(account, 'credentialReport', account.homeRegion).catch(() => undefined);

  const evaluateFor = async (
    def: CheckDefinition,
    account: AccountTarget,
    onSettled: () => void,
  ): Promise<CheckOutcome> => {
    const keys = [...def.requires, ...def.uses];
    const settled = await Promise.all(
      keys.map((key) =>
        source(account, key, account.homeRegion)
          .then(
            (result) => ({ key, result }),
            (error: AppError) => ({ key, error }),
          )
          .finally(onSettled),
      ),
    );
    const snapshot: Snapshot = { accountId: account.accountId, partition: account.partition };
    const errors: SourceErrors = {};
    const used: UsedSource[] = [];
    for (const s of settled) {
      if ('result' in s) {
        (snapshot as unknown as Record<string, unknown>)[s.key] = s.result.value;
        used.push({ key: s.key, result: s.result });
      } else {
        errors[s.key] = toFindingError(stopped && s.error.code === 'CANCELLED' ? stopped : s.error, s.key);
      }
    }
    const finding = evaluateCheck(def, { snapshot, settings: o.settings, now: o.now() }, errors);
    // A check whose required answers were cut off by a stop or cancel has no result to keep.
    const interrupted = def.requires.some(
      (k) => errors[k] && (errors[k].code === 'CANCELLED' || FATAL.has(errors[k].code)),
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
    return outcome;
  };

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
