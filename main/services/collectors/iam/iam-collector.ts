import type { IAMClient } from '@aws-sdk/client-iam';
import type { Finding, FindingError } from '../../../../shared/domain/findings';
import type { CheckSettings } from '../../../../shared/domain/workspace';
import type { AppError } from '../../../../shared/ipc/result';
import {
  evaluateCheck,
  iamCheck,
  type IamSnapshot,
  type IamSource,
  type SourceErrors,
} from '../../../../shared/rules/iam';
import { mapAwsError, type ErrorContext } from '../../aws/errors';
import type { PollOptions } from './credential-report';
import { abortError, concurrencyLimit } from './limit';
import { CallRecorder } from './recorder';
import { SOURCES, SOURCE_ACTIONS, type SourceResult } from './sources';

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
  key: IamSource;
  result: SourceResult<IamSource>;
}

export interface CheckOutcome {
  checkId: string;
  finding: Finding;
  /** The sources the finding was computed from, with their raw files and calls. */
  sources: UsedSource[];
  /** False when the run stopped or was cancelled before the check could be evaluated. */
  complete: boolean;
}

export interface IamCollectOptions {
  client: IAMClient;
  pollClient: IAMClient;
  checkIds: string[];
  settings: CheckSettings;
  accountId: string;
  partition: string;
  region: string;
  now: () => Date;
  signal: AbortSignal;
  poll: PollOptions;
  errorContext: ErrorContext;
  concurrency?: number;
  /** A source settled: `done` of `total` steps of this check are finished. */
  onProgress?: (checkId: string, done: number, total: number) => void;
  /** Called as soon as a check is evaluated, so its evidence is stored while others still run. */
  onCheck: (outcome: CheckOutcome) => Promise<void>;
}

export interface IamCollectResult {
  outcomes: CheckOutcome[];
  /** Set when a fatal error (expired session, network) stopped the run. */
  stopped?: AppError;
  cancelled: boolean;
}

const toFindingError = (e: AppError, key: IamSource): FindingError => {
  const missing =
    e.code === 'ACCESS_DENIED'
      ? ((e.details?.missingPermission as string | undefined) ?? SOURCE_ACTIONS[key][0])
      : undefined;
  return {
    code: e.code,
    message: e.message,
    ...(e.hint ? { hint: e.hint } : {}),
    ...(missing ? { missingAction: missing } : {}),
  };
};

/**
 * Collects what the selected IAM checks need, each API answer once, with bounded concurrency,
 * and evaluates every check as soon as its sources are in. A denied or failing source makes
 * only the checks that require it `error`; an expired session stops the run but keeps what
 * was already evaluated.
 */
export async function collectIam(o: IamCollectOptions): Promise<IamCollectResult> {
  const internal = new AbortController();
  const signal = AbortSignal.any([o.signal, internal.signal]);
  const limit = concurrencyLimit(o.concurrency ?? 6);
  let stopped: AppError | undefined;
  // Evidence that cannot be stored (disk full) ends the run: findings without evidence are worthless.
  let storeFailure: unknown;
  const started = new Map<IamSource, Promise<SourceResult<IamSource>>>();

  const source = <K extends IamSource>(key: K): Promise<SourceResult<K>> => {
    let p = started.get(key);
    if (!p) {
      const recorder = new CallRecorder('iam', o.region, o.now, limit);
      p = (SOURCES[key] as (ctx: Parameters<(typeof SOURCES)[K]>[0]) => Promise<SourceResult<IamSource>>)({
        client: o.client,
        pollClient: o.pollClient,
        signal,
        recorder,
        poll: o.poll,
        dependency: source,
      }).catch((e: unknown) => {
        const mapped = mapAwsError(e, { ...o.errorContext, action: SOURCE_ACTIONS[key][0] });
        if (FATAL.has(mapped.code) && !stopped) {
          stopped = mapped;
          internal.abort(abortError());
        }
        throw mapped;
      });
      started.set(key, p);
    }
    return p as Promise<SourceResult<K>>;
  };

  const checks = o.checkIds.map((id) => {
    const def = iamCheck(id);
    if (!def) throw new Error(`Unknown IAM check ${id}`);
    return def;
  });
  // The credential report takes longest (AWS generates it); start it before anything else.
  if (checks.some((c) => [...c.requires, ...c.uses].includes('credentialReport')))
    void source('credentialReport').catch(() => undefined);

  const outcomes = await Promise.all(
    checks.map(async (def): Promise<CheckOutcome> => {
      const keys = [...def.requires, ...def.uses];
      const total = keys.length + 1;
      let done = 0;
      o.onProgress?.(def.id, done, total);
      const settled = await Promise.all(
        keys.map((key) =>
          source(key)
            .then(
              (result) => ({ key, result }),
              (error: AppError) => ({ key, error }),
            )
            .finally(() => o.onProgress?.(def.id, ++done, total)),
        ),
      );
      const snapshot: IamSnapshot = { accountId: o.accountId, partition: o.partition };
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
      const outcome = { checkId: def.id, finding, sources: used, complete: !interrupted };
      if (outcome.complete && !o.signal.aborted && storeFailure === undefined) {
        try {
          await o.onCheck(outcome);
        } catch (e) {
          storeFailure ??= e;
          internal.abort(abortError());
        }
      }
      o.onProgress?.(def.id, total, total);
      return outcome;
    }),
  );
  if (storeFailure !== undefined) throw storeFailure;
  return { outcomes, ...(stopped ? { stopped } : {}), cancelled: o.signal.aborted };
}
