import { randomBytes } from 'node:crypto';
import type { PopulationAccount, PopulationRow } from '../../../shared/domain/access-review';
import { ACCESS_REVIEW_CONTROL_ID } from '../../../shared/catalog';
import type { Person } from '../../../shared/domain/common';
import type { ApiCall, AwsContext, EvidenceRecord } from '../../../shared/domain/evidence';
import type { AwsSettings, CheckSettings } from '../../../shared/domain/workspace';
import { isErrorCode } from '../../../shared/ipc/errors';
import { AppError } from '../../../shared/ipc/result';
import { buildPopulation, type IamAccountData } from '../../../shared/rules/access/population';
import { abortableSleep } from '../abortable-sleep';
import type { AwsService } from '../aws/aws-service';
import { mapAwsError } from '../aws/errors';
import { ThrottlePatientRetryStrategy } from '../aws/retry-strategy';
import { assertAccountInScope } from '../aws/workspace-aws';
import type { RawPage } from '../collectors/call-recorder';
import { DEFAULT_POLL_DELAYS_MS } from '../collectors/sources/credential-report';
import type { PollOptions } from '../collectors/sources/types';
import { accountsToRead, isSsoProfileKind, reachAccounts } from '../collectors/run-accounts';
import type { EvidenceStore } from '../evidence/evidence-store';
import { concurrencyLimit } from '../map-limit';
import { readAccountIam, type IamRead } from './iam-population-source';
import { locateIdentityCenter } from './identity-center-locate';

/**
 * Collects an access review's population over every account in the workspace's scope, each
 * reached as the checks reach it (`reachAccounts`: the profile's own account with the profile,
 * the others with its role through the SSO portal, credentials in memory only): each account's
 * IAM (through the IAM sources the checks use), and IAM Identity Center once, from the account
 * that holds it, its assignments expanded for the accounts in scope. An account that cannot be
 * reached or read is said for that account and the others go on; what could not be read is
 * said in `notes`, never silently left out. The raw answers are stored as one API evidence item
 * with provenance, linked to the access-review control.
 */

export interface CollectedPopulation {
  rows: PopulationRow[];
  notes: string[];
  /** The accounts whose IAM is in the population. */
  accountIds: string[];
  /** Every account in scope, with why one was not read. */
  accounts: PopulationAccount[];
  /** Whether IAM Identity Center was read (its rows are in the population). */
  identityCenterRead: boolean;
  collectedAt: string;
  evidence: EvidenceRecord;
  aws: AwsContext;
}

export interface PopulationDeps {
  aws: Pick<AwsService, 'whoami' | 'profile' | 'clients' | 'accountCredentials'>;
  now: () => Date;
  appVersion: string;
  concurrency?: number;
  poll?: Partial<PollOptions>;
}

const errorOf = (e: unknown, profile: string, sso: boolean) => {
  const m = e instanceof AppError ? e : mapAwsError(e, { profile, sso });
  return { code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) };
};

export async function collectPopulation(
  deps: PopulationDeps,
  input: {
    profile: string;
    region?: string;
    /** The workspace's AWS settings: its accounts in scope (the profile's own account when none). */
    scope: Pick<AwsSettings, 'accountIds'>;
    team: readonly { name: string; email: string }[];
    settings: CheckSettings;
    person: Person;
    evidence: Pick<EvidenceStore, 'addBytes'>;
    signal?: AbortSignal;
  },
): Promise<CollectedPopulation> {
  const { aws, now } = deps;
  const signal = input.signal ?? new AbortController().signal;
  const startedAt = now().toISOString();
  const identity = await aws.whoami(input.profile, input.region);
  const summary = await aws.profile(input.profile);
  const sso = isSsoProfileKind(summary.kind);
  // Without IAM Identity Center the profile reaches its own account only, so it must be in scope.
  if (!sso) assertAccountInScope(input.scope, input.profile, identity.accountId);
  const scope = accountsToRead(input.scope.accountIds, identity.accountId);
  const region = identity.region;
  const limit = concurrencyLimit(deps.concurrency ?? 8);
  const poll = { delaysMs: DEFAULT_POLL_DELAYS_MS, maxWaitMs: 120_000, sleep: abortableSleep, ...deps.poll };
  // The same clients, timeouts and retries as a collection run (large IAM pages take a while).
  const reach = await reachAccounts({
    aws,
    profile: input.profile,
    sso,
    identity,
    accountIds: scope,
    chosenRegions: undefined,
    needsRegions: false,
    requestTimeoutMs: 60_000,
    retryStrategy: () => new ThrottlePatientRetryStrategy(10, 1),
    limit,
    now,
    signal,
    poll,
  });
  const many = scope.length > 1;
  const notes: string[] = [];
  const calls: ApiCall[] = [];
  const files: { name: string; accountId?: string; body: unknown }[] = [];
  try {
    const reads = await Promise.all(
      reach.reached.map((a) =>
        readAccountIam({
          accountId: a.target.accountId,
          clients: a.target.clients,
          region,
          profile: input.profile,
          signal,
          now,
          limit,
          poll,
          notePrefix: many ? `Account ${a.target.accountId}: ` : '',
        }).then(
          (read): { read: IamRead } => ({ read }),
          (e: unknown) => ({ error: errorOf(e, input.profile, sso) }),
        ),
      ),
    );
    const accounts: PopulationAccount[] = scope.map((id): PopulationAccount => {
      const at = reach.reached.findIndex((a) => a.target.accountId === id);
      if (at < 0) {
        const refused = reach.unreachable.find((u) => u.id === id)!;
        return { id, read: false, ...(refused.error ? { error: refused.error } : {}) };
      }
      const a = reach.reached[at]!;
      const r = reads[at]!;
      return {
        id,
        ...(a.aws.accountAlias ? { alias: a.aws.accountAlias } : {}),
        principalArn: a.aws.principalArn,
        read: 'read' in r,
        ...('error' in r ? { error: r.error } : {}),
      };
    });
    const iam: IamAccountData[] = [];
    reads.forEach((r, i) => {
      calls.push(...reach.reached[i]!.identityCalls);
      if (!('read' in r)) return;
      iam.push(r.read.data);
      calls.push(...r.read.calls);
      files.push(...r.read.files.map((f) => (many ? f : { name: f.name, body: f.body })));
      notes.push(...r.read.notes);
    });
    // Nothing read at all: the review would be empty, so it is the error, as with one account.
    const failed = accounts.filter((a) => !a.read);
    if (iam.length === 0) {
      const first = failed[0]?.error ?? { code: 'INTERNAL', message: 'No account in scope could be read.' };
      throw new AppError(
        isErrorCode(first.code) ? first.code : 'INTERNAL',
        first.message,
        first.hint ? { hint: first.hint } : {},
      );
    }
    for (const a of failed)
      notes.push(
        `Account ${a.id} was not read (${a.error?.message ?? 'unknown error'}): its IAM users, groups and roles are not in this review${a.error?.hint ? `. ${a.error.hint}` : '.'}`,
      );

    const pages: RawPage[] = [];
    const located = await locateIdentityCenter({
      // An account whose IAM was denied may still hold Identity Center (its role may read sso-admin).
      accounts: reach.reached.map((a) => ({ accountId: a.target.accountId, clients: a.target.clients })),
      regions: [...new Set([region, summary.ssoRegion].filter((r): r is string => !!r))],
      profile: input.profile,
      // Without a chosen scope, every account Identity Center assigns is shown: nothing is left out.
      ...(input.scope.accountIds.length > 0 ? { accountIds: scope } : {}),
      signal,
      now,
      limit,
      calls,
      pages,
      notes,
    });
    const identityCenter = located?.read;
    if (pages.length > 0) files.push({ name: 'identity-center.json', body: { pages } });

    const rows = buildPopulation({
      iam,
      ...(identityCenter ? { identityCenter: identityCenter.data } : {}),
      team: input.team,
      unusedDays: input.settings.unusedCredentialDays,
      now: now(),
    });
    const collectedAt = now().toISOString();
    // The record names the first account read (the profile's own when in scope); the snapshot names each.
    const awsContext: AwsContext = reach.reached[reads.findIndex((r) => 'read' in r)]!.aws;
    const runId = `run_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
    const snapshot = {
      kind: 'access-review-population',
      provenance: {
        runId,
        account: { id: awsContext.accountId, ...(awsContext.accountAlias ? { alias: awsContext.accountAlias } : {}) },
        principalArn: awsContext.principalArn,
        accounts,
        region,
        profile: input.profile,
        ...(identityCenter
          ? {
              identityCenter: {
                instanceArn: identityCenter.instanceArn,
                region: identityCenter.region,
                accountId: located.accountId,
              },
            }
          : {}),
        startedAt,
        finishedAt: collectedAt,
        appVersion: deps.appVersion,
        collectedBy: input.person,
        operations: calls,
      },
      notes,
      files,
      population: rows,
    };
    const evidence = await input.evidence.addBytes(`${JSON.stringify(snapshot, null, 2)}\n`, {
      title: `Access review population: ${rows.length} identities in ${many ? `${iam.length} accounts` : (awsContext.accountAlias ?? awsContext.accountId)}`,
      controlIds: [ACCESS_REVIEW_CONTROL_ID],
      kind: 'api_snapshot',
      mediaType: 'application/json',
      fileName: 'access-review-population.json',
      source: { type: 'aws_api', calls },
      aws: awsContext,
      runId,
      capturedAt: collectedAt,
      effectiveDate: collectedAt.slice(0, 10),
      capturedBy: input.person,
      meta: { identities: rows.length, flagged: rows.filter((r) => r.flags.length > 0).length, notes },
    });
    return {
      rows,
      notes,
      accountIds: iam.map((a) => a.accountId),
      accounts,
      identityCenterRead: !!identityCenter,
      collectedAt,
      evidence,
      aws: awsContext,
    };
  } finally {
    reach.destroy();
  }
}
