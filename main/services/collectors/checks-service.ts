import { randomBytes } from 'node:crypto';
import { controlById } from '../../../shared/catalog';
import { CHECK_IDS, checkById, isCheckId } from '../../../shared/checks/registry';
import type { Person } from '../../../shared/domain/common';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import {
  type AccountRunProgress,
  type CheckProgress,
  type CheckRun,
  type CheckRunItem,
  type ControlFindings,
  type LatestFinding,
} from '../../../shared/domain/findings';
import { AppError } from '../../../shared/ipc/result';
import { isCredentialError } from '../../../shared/ipc/errors';
import type { AwsService } from '../aws/aws-service';
import { ThrottlePatientRetryStrategy } from '../aws/retry-strategy';
import { assertAccountInScope } from '../aws/workspace-aws';
import { latestFindingsPerAccount } from '../../../shared/rules/latest-run';
import { evidenceReader } from '../evidence/evidence-reader';
import type { WorkspaceService } from '../workspace/workspace-service';
import { abortableSleep } from '../abortable-sleep';
import { refOf, storeCheckEvidence, type RunContext } from './check-evidence';
import { collectChecks } from './engine';
import { accountsToRead, isSsoProfileKind, reachAccounts } from './run-accounts';
import { concurrencyLimit } from '../map-limit';
import { isRegional } from '../../../shared/checks/sources';
import { DEFAULT_POLL_DELAYS_MS } from './sources/credential-report';
import type { PollOptions } from './sources/types';

/**
 * Calls in flight at once in a run, across its accounts, regions and services. A call waits about
 * 30 ms on AWS or more, so at 6 ten accounts (15,000 calls) needed 77 s for the waiting alone; at 16,
 * 29 s. Still far below AWS's request rates (EC2 and KMS allow 100 or more per second per
 * account and region, and each account has its own), and the SDK's standard retries absorb a throttle.
 */
export const DEFAULT_CHECK_CONCURRENCY = 16;

export interface ChecksServiceDeps {
  workspaces: WorkspaceService;
  aws: Pick<AwsService, 'whoami' | 'profile' | 'clients' | 'accountCredentials'>;
  appVersion: string;
  now: () => Date;
  emitProgress: (p: CheckProgress | AccountRunProgress) => void;
  /** Tells the window new evidence and activity exist (evidence library, activity feeds). */
  onChange?: (reason: string) => void;
  /** Credential report polling; tests shorten the waits. */
  poll?: Partial<PollOptions>;
  /** IAM throttles bursts; the SDK's retries (with more attempts than its default 3) ride through them. */
  maxAttempts?: number;
  concurrency?: number;
  /** How long one IAM call may take before it fails with TIMEOUT. */
  requestTimeoutMs?: number;
  /** How often a call that timed out is tried again (throttling has its own, larger budget). */
  timeoutRetries?: number;
}

export interface RunInput {
  checkIds?: string[];
  /** Runs the checks the catalog lists for this control. */
  controlId?: string;
  /** Defaults to the workspace's profile and region (AWS screen). */
  profile?: string;
  region?: string;
  /** Who collected it; defaults to the person using the app. */
  person?: Person;
}

/** Runs the automated checks into the open workspace and answers what the latest findings are. */
export class ChecksService {
  private running: { controller: AbortController; finished: Promise<unknown> } | null = null;

  constructor(private readonly deps: ChecksServiceDeps) {}

  /** The check ids a run covers: one control's, the named ones, or all. */
  selectChecks(input: Pick<RunInput, 'checkIds' | 'controlId'>): string[] {
    if (input.controlId !== undefined) {
      const control = controlById(input.controlId);
      if (!control) throw new AppError('NOT_FOUND', `There is no control ${input.controlId} in the catalog.`);
      const ids = control.evidence.flatMap((e) => (e.type === 'check' ? [e.checkId] : []));
      if (ids.length === 0)
        throw new AppError('INVALID_INPUT', `Control "${control.title}" has no automated checks.`, {
          hint: 'Its evidence is captured as screenshots or documents.',
        });
      return ids;
    }
    if (!input.checkIds || input.checkIds.length === 0) return [...CHECK_IDS];
    const unknown = input.checkIds.filter((id) => !isCheckId(id));
    if (unknown.length > 0) {
      throw new AppError('INVALID_INPUT', `Unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, {
        hint: `Known checks: ${CHECK_IDS.join(', ')}.`,
      });
    }
    return [...new Set(input.checkIds)];
  }

  isRunning(): boolean {
    return this.running !== null;
  }

  /** True when a run was going and is now being cancelled. */
  cancel(): boolean {
    const r = this.running;
    r?.controller.abort();
    return r !== null;
  }

  /** Cancels a run and waits until it has stopped writing into its workspace (before that closes). */
  async stop(): Promise<void> {
    const r = this.running;
    if (!r) return;
    r.controller.abort();
    await r.finished.catch(() => undefined);
  }

  async run(input: RunInput = {}): Promise<CheckRun> {
    const open = this.deps.workspaces.require();
    const person = input.person ?? open.actor();
    const checkIds = this.selectChecks(input);
    const profile = input.profile ?? open.meta.aws.profile;
    if (!profile) {
      throw new AppError('PROFILE_NOT_FOUND', 'No AWS profile is chosen for this workspace.', {
        hint: 'Choose a profile on the AWS screen and test the connection, then run the checks.',
      });
    }
    if (this.running)
      throw new AppError('CONFLICT', 'Checks are already running.', {
        hint: 'Wait for them to finish or cancel them.',
      });
    const controller = new AbortController();
    const finished = this.collect(
      open,
      person,
      checkIds,
      profile,
      input.region ?? open.meta.aws.region,
      controller.signal,
      input.controlId,
    );
    this.running = { controller, finished };
    try {
      return await finished;
    } finally {
      this.running = null;
    }
  }

  private async collect(
    open: ReturnType<WorkspaceService['require']>,
    person: Person,
    checkIds: string[],
    profile: string,
    regionOverride: string | undefined,
    signal: AbortSignal,
    controlId?: string,
  ): Promise<CheckRun> {
    const { now, aws } = this.deps;
    const startedAt = now().toISOString();
    const runId = `run_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
    const identity = await aws.whoami(profile, regionOverride);
    const summary = await aws.profile(profile);
    const sso = isSsoProfileKind(summary.kind);
    const scope = open.meta.aws.accountIds;
    // Without IAM Identity Center the profile reaches its own account only, so it must be in scope.
    if (!sso) assertAccountInScope(open.meta.aws, profile, identity.accountId);
    const accountIds = accountsToRead(scope, identity.accountId);
    const defs = checkIds.map((id) => checkById(id)!);
    const limit = concurrencyLimit(this.deps.concurrency ?? DEFAULT_CHECK_CONCURRENCY);
    const poll = { delaysMs: DEFAULT_POLL_DELAYS_MS, maxWaitMs: 120_000, sleep: abortableSleep, ...this.deps.poll };
    // Standard retries back off per call; adaptive mode also slowed every other call after a
    // throttle and made throttled runs 2-3 times slower here, with concurrency already bounded.
    // IAM gets longer per call than the app's default, as large authorization pages take a while.
    const reach = await reachAccounts({
      aws,
      profile,
      sso,
      identity,
      accountIds,
      chosenRegions: open.meta.aws.regions,
      needsRegions: defs.some((d) => [...d.requires, ...d.uses].some(isRegional)),
      requestTimeoutMs: this.deps.requestTimeoutMs ?? 60_000,
      retryStrategy: () => new ThrottlePatientRetryStrategy(this.deps.maxAttempts ?? 10, this.deps.timeoutRetries ?? 1),
      limit,
      now,
      signal,
      poll,
    });
    const contexts = new Map<string, RunContext>(
      reach.reached.map((a) => [
        a.target.accountId,
        { runId, startedAt, aws: a.aws, identityCalls: a.identityCalls, person, appVersion: this.deps.appVersion, now },
      ]),
    );
    const stored = new Map<string, EvidenceRecord[]>();
    const storedKey = (checkId: string, accountId: string) => `${accountId}/${checkId}`;
    // One check's evidence at a time, after the store has loaded its index: parallel first
    // writes to a fresh EvidenceStore can drop records from its in-memory list.
    await open.evidence.list();
    let writes: Promise<unknown> = Promise.resolve();
    try {
      const result = await collectChecks({
        accounts: reach.reached.map((a) => a.target),
        checkIds,
        settings: open.meta.checkSettings,
        now,
        signal,
        poll,
        errorContext: { profile, sso },
        limit,
        onProgress: (checkId, done, total) => this.deps.emitProgress({ runId, checkId, done, total }),
        onAccountProgress: (accountId, p) => {
          const alias = contexts.get(accountId)?.aws.accountAlias;
          this.deps.emitProgress({ runId, account: { id: accountId, ...(alias ? { alias } : {}) }, ...p });
        },
        onCheck: async (o) => {
          const context = contexts.get(o.accountId)!;
          const write = writes.then(() => storeCheckEvidence(open.evidence, context, o.checkId, o.finding, o.sources));
          writes = write.catch(() => undefined);
          stored.set(storedKey(o.checkId, o.accountId), await write);
          this.deps.emitProgress({ runId, checkId: o.checkId, done: 1, total: 1, result: o.finding.result });
        },
      });
      const checks: CheckRunItem[] = result.outcomes.map((o): CheckRunItem => {
        const evidence = (stored.get(storedKey(o.checkId, o.accountId)) ?? []).map(refOf);
        // What was stored is the check's result, even if the run was cancelled or stopped later.
        if (evidence.length > 0) {
          return {
            checkId: o.checkId,
            accountId: o.accountId,
            result: o.finding.result,
            summary: o.finding.summary,
            entities: o.finding.entities,
            notes: o.finding.notes,
            error: o.finding.error,
            evidence,
          };
        }
        const error = result.cancelled
          ? { code: 'CANCELLED', message: 'Cancelled before it finished.' }
          : {
              code: result.stopped?.code ?? 'CANCELLED',
              message: result.stopped?.message ?? 'The run stopped before this check finished.',
              ...(result.stopped?.hint ? { hint: result.stopped.hint } : {}),
            };
        return {
          checkId: o.checkId,
          accountId: o.accountId,
          result: 'error',
          summary: result.cancelled ? error.message : `Stopped: ${error.message}`,
          entities: [],
          notes: [],
          error,
          evidence,
        };
      });
      // An account that could not be reached says so on every check; nothing is stored for it.
      for (const account of reach.unreachable)
        for (const checkId of checkIds)
          checks.push({
            checkId,
            accountId: account.id,
            result: 'error',
            summary: `Account ${account.id} could not be read: ${account.error?.message ?? 'unknown error'}`,
            entities: [],
            notes: [],
            error: account.error ?? { code: 'INTERNAL', message: 'Unknown error' },
            evidence: [],
          });
      const status: CheckRun['status'] = result.cancelled ? 'cancelled' : result.stopped ? 'stopped' : 'completed';
      // Credentials AWS rejected must not be reused by the next run: it resolves them afresh.
      if (result.stopped && isCredentialError(result.stopped.code)) aws.clients.forget(profile);
      const accounts = accountIds.map(
        (id) =>
          reach.reached.find((a) => a.target.accountId === id)?.summary ?? reach.unreachable.find((a) => a.id === id)!,
      );
      const checkRun: CheckRun = {
        runId,
        status,
        startedAt,
        finishedAt: now().toISOString(),
        accounts,
        account: { id: identity.accountId, ...(identity.accountAlias ? { alias: identity.accountAlias } : {}) },
        principalArn: identity.principalArn,
        region: identity.region,
        profile,
        collectedBy: person,
        checks,
        ...(result.stopped ? { stopped: result.stopped.toData() } : {}),
      };
      await open.activity.append({
        at: checkRun.finishedAt,
        actor: person,
        action: 'checks.run',
        // A run for one control shows in that control's activity.
        ...(controlId ? { target: `control:${controlId}` } : {}),
        summary: runSummary(checkRun),
        details: {
          runId,
          status,
          account: identity.accountId,
          ...(accounts.length > 1 || accounts[0]?.id !== identity.accountId
            ? { accounts: accounts.map((a) => a.id) }
            : {}),
          checks: Object.fromEntries(
            checkIds.map((id) => {
              const mine = checks.filter((c) => c.checkId === id);
              return [
                id,
                mine.length === 1 ? mine[0]!.result : Object.fromEntries(mine.map((c) => [c.accountId, c.result])),
              ];
            }),
          ),
        },
      });
      this.deps.onChange?.('checks.run');
      return checkRun;
    } finally {
      reach.destroy();
    }
  }

  /** The latest stored finding of every check per account in scope. */
  async latest(): Promise<LatestFinding[]> {
    const open = this.deps.workspaces.require();
    const records = await open.evidence.list();
    const { inScope } = latestFindingsPerAccount(records, open.meta.aws.accountIds);
    return Promise.all(inScope.map((record) => this.latestFor(record, records)));
  }

  async latestForControl(controlId: string): Promise<ControlFindings> {
    const control = controlById(controlId);
    if (!control) throw new AppError('NOT_FOUND', `There is no control ${controlId} in the catalog.`);
    const open = this.deps.workspaces.require();
    const records = await open.evidence.list();
    const checkIds = control.evidence.flatMap((e) => (e.type === 'check' ? [e.checkId] : []));
    const scope = open.meta.aws.accountIds;
    const { inScope, outOfScope } = latestFindingsPerAccount(
      records.filter((r) => r.checkId !== undefined && checkIds.includes(r.checkId)),
      scope,
    );
    const read = (list: EvidenceRecord[], checkId: string) =>
      Promise.all(list.filter((r) => r.checkId === checkId).map((r) => this.latestFor(r, records)));
    return {
      controlId,
      accountsInScope: [...scope],
      checks: await Promise.all(
        checkIds.map(async (checkId) => ({
          checkId,
          title: checkById(checkId)?.title ?? checkId,
          latest: await read(inScope, checkId),
          outOfScope: await read(outOfScope, checkId),
        })),
      ),
    };
  }

  private async latestFor(record: EvidenceRecord, records: EvidenceRecord[]): Promise<LatestFinding> {
    const checkId = record.checkId ?? record.id;
    // A findings file this version cannot read is shown as unreadable, never guessed at.
    const { integrity, finding } = await evidenceReader(this.deps.workspaces.require().evidence).read(record);
    const evidence = records
      .filter((r) => r.runId === record.runId && r.checkId === checkId && r.aws?.accountId === record.aws?.accountId)
      .map(refOf);
    return {
      checkId,
      ...(record.runId ? { runId: record.runId } : {}),
      finding,
      collectedAt: record.capturedAt,
      collectedBy: record.capturedBy,
      ...(record.aws
        ? {
            account: {
              id: record.aws.accountId,
              ...(record.aws.accountAlias ? { alias: record.aws.accountAlias } : {}),
              principalArn: record.aws.principalArn,
              region: record.aws.region,
            },
          }
        : {}),
      evidence,
      integrity,
    };
  }
}

function runSummary(r: CheckRun): string {
  const counts = new Map<string, number>();
  for (const c of r.checks) counts.set(c.result, (counts.get(c.result) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${k.replace('_', ' ')}`).join(', ');
  const names = r.accounts.map((a) => (a.alias ? `${a.id} (${a.alias})` : a.id));
  const where = names.length === 1 ? `AWS account ${names[0]}` : `AWS accounts ${names.join(', ')}`;
  const how =
    r.status === 'completed' ? '' : r.status === 'stopped' ? ` — stopped: ${r.stopped?.message ?? ''}` : ' — cancelled';
  const kinds = new Set(r.checks.map((c) => c.checkId.split('.')[0]));
  const what = kinds.size === 1 && kinds.has('iam') ? 'IAM check' : 'check';
  const n = new Set(r.checks.map((c) => c.checkId)).size;
  return `Ran ${n} ${what}${n === 1 ? '' : 's'} on ${where}: ${parts}${how}`;
}
