import { randomBytes } from 'node:crypto';
import type { PopulationRow } from '../../../shared/domain/access-review';
import { ACCESS_REVIEW_CONTROL_ID } from '../../../shared/catalog';
import { SOURCES } from '../../../shared/checks/sources';
import type { Person } from '../../../shared/domain/common';
import type { ApiCall, AwsContext, EvidenceRecord } from '../../../shared/domain/evidence';
import type { CheckSettings } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/ipc/result';
import { buildPopulation, type IamAccountData } from '../../../shared/rules/access/population';
import type { IamSource } from '../../../shared/rules/iam';
import { abortableSleep } from '../abortable-sleep';
import type { AwsService } from '../aws/aws-service';
import { mapAwsError } from '../aws/errors';
import { ThrottlePatientRetryStrategy } from '../aws/retry-strategy';
import { CallRecorder, type RawPage } from '../collectors/call-recorder';
import { IAM_FETCHERS } from '../collectors/sources/iam';
import { DEFAULT_POLL_DELAYS_MS } from '../collectors/sources/credential-report';
import type { PollOptions, SourceContext, SourceResult } from '../collectors/sources/types';
import type { EvidenceStore } from '../evidence/evidence-store';
import { concurrencyLimit } from '../map-limit';
import { findInstance, readIdentityCenter } from './identity-center-source';

/**
 * Collects an access review's population from one profile's account: IAM (authorization
 * details, credential report, AWS-managed policy documents, through the IAM sources the
 * checks use) and IAM Identity Center when the profile can reach it. What could not be read
 * is said in `notes`, never silently left out; the raw answers are stored as one API
 * evidence item with provenance, linked to the access-review control.
 */

const ACCESS_DENIED = new Set(['ACCESS_DENIED']);

export interface CollectedPopulation {
  rows: PopulationRow[];
  notes: string[];
  accountIds: string[];
  collectedAt: string;
  evidence: EvidenceRecord;
  aws: AwsContext;
}

export interface PopulationDeps {
  aws: Pick<AwsService, 'whoami' | 'profile' | 'clients'>;
  now: () => Date;
  appVersion: string;
  concurrency?: number;
  poll?: Partial<PollOptions>;
}

export async function collectPopulation(
  deps: PopulationDeps,
  input: {
    profile: string;
    region?: string;
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
  const region = identity.region;
  const limit = concurrencyLimit(deps.concurrency ?? 8);
  // The same clients, timeouts and retries as a collection run (large IAM pages take a while).
  const clients = aws.clients.forRun({
    credentials: aws.clients.credentials(input.profile),
    requestTimeoutMs: 60_000,
    retryStrategy: new ThrottlePatientRetryStrategy(10, 1),
  });
  const poll = { delaysMs: DEFAULT_POLL_DELAYS_MS, maxWaitMs: 120_000, sleep: abortableSleep, ...deps.poll };
  const notes: string[] = [];
  const calls: ApiCall[] = [];
  const files: { name: string; body: unknown }[] = [];
  try {
    // IAM, through the same sources the IAM checks read.
    const started = new Map<IamSource, Promise<SourceResult<IamSource>>>();
    const source = <K extends IamSource>(key: K): Promise<SourceResult<K>> => {
      let p = started.get(key);
      if (!p) {
        const ctx: SourceContext = {
          accountId: identity.accountId,
          clients,
          region,
          signal,
          recorder: new CallRecorder('iam', region, now, limit),
          poll,
          dependency: source as SourceContext['dependency'],
        };
        p = (IAM_FETCHERS[key] as (c: SourceContext) => Promise<SourceResult<IamSource>>)(ctx).catch((e: unknown) => {
          throw mapAwsError(e, { profile: input.profile, action: SOURCES[key].actions[0] });
        });
        started.set(key, p);
      }
      return p as Promise<SourceResult<K>>;
    };
    const report = source('credentialReport').then(
      (r) => r,
      (e: AppError) => {
        if (!ACCESS_DENIED.has(e.code)) throw e;
        notes.push(
          `The credential report could not be read (${SOURCES.credentialReport.actions.join(', ')} denied): IAM users show no password, MFA or last use.`,
        );
        return null;
      },
    );
    const details = await source('authorizationDetails');
    const managed = await source('awsManagedPolicyDocuments');
    const credentialReport = await report;
    for (const r of [details, managed, credentialReport]) {
      if (!r) continue;
      calls.push(...r.calls);
      for (const f of r.files) {
        const text = typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8');
        // The credential report is CSV: kept as its text, the JSON answers as JSON.
        files.push({ name: f.fileName, body: f.mediaType === 'application/json' ? JSON.parse(text) : text });
      }
    }
    const iamData: IamAccountData = {
      accountId: identity.accountId,
      authorizationDetails: details.value,
      ...(credentialReport ? { credentialReport: credentialReport.value } : {}),
      awsManagedPolicyDocuments: managed.value,
    };

    // IAM Identity Center: in the profile's region, else where the profile signs in (sso_region).
    const regions = [...new Set([region, summary.ssoRegion].filter((r): r is string => !!r))];
    const pages: RawPage[] = [];
    let identityCenter: Awaited<ReturnType<typeof readIdentityCenter>> | undefined;
    for (const r of regions) {
      const admin = clients.ssoAdmin(r);
      const store = clients.identitystore(r);
      const recorder = {
        admin: new CallRecorder('sso', r, now, limit),
        store: new CallRecorder('identitystore', r, now, limit),
      };
      try {
        const instance = await findInstance(admin, recorder.admin, signal, pages);
        if (instance) {
          identityCenter = await readIdentityCenter({
            admin,
            store,
            region: r,
            instance,
            recorder,
            signal,
            pages,
          });
          if (r !== region)
            notes.push(
              `IAM Identity Center lives in ${r}, not in the profile's region ${region}: it was read from ${r}.`,
            );
        }
      } catch (e) {
        const mapped = mapAwsError(e, { profile: input.profile, action: 'sso:ListInstances' });
        if (!ACCESS_DENIED.has(mapped.code)) throw mapped;
        notes.push(
          `No permission to read IAM Identity Center in ${r} (${mapped.message}): the population holds IAM only. Grant sso:ListInstances, sso:ListPermissionSets, sso:DescribePermissionSet, sso:ListAccountAssignments… and identitystore:ListUsers, ListGroups, ListGroupMemberships to include it.`,
        );
        break;
      } finally {
        calls.push(...recorder.admin.calls, ...recorder.store.calls);
      }
      if (identityCenter) break;
    }
    if (!identityCenter && !notes.some((n) => n.includes('Identity Center')))
      notes.push(
        `No IAM Identity Center instance was found in ${regions.join(' or ')}: the population holds IAM only.`,
      );
    if (pages.length > 0) files.push({ name: 'identity-center.json', body: { pages } });

    const rows = buildPopulation({
      iam: [iamData],
      ...(identityCenter ? { identityCenter: identityCenter.data } : {}),
      team: input.team,
      unusedDays: input.settings.unusedCredentialDays,
      now: now(),
    });
    const collectedAt = now().toISOString();
    const awsContext: AwsContext = {
      accountId: identity.accountId,
      ...(identity.accountAlias ? { accountAlias: identity.accountAlias } : {}),
      principalArn: identity.principalArn,
      region,
      profile: input.profile,
    };
    const runId = `run_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
    const snapshot = {
      kind: 'access-review-population',
      provenance: {
        runId,
        account: { id: identity.accountId, ...(identity.accountAlias ? { alias: identity.accountAlias } : {}) },
        principalArn: identity.principalArn,
        region,
        profile: input.profile,
        ...(identityCenter
          ? { identityCenter: { instanceArn: identityCenter.instanceArn, region: identityCenter.region } }
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
      title: `Access review population: ${rows.length} identities in ${identity.accountAlias ?? identity.accountId}`,
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
    return { rows, notes, accountIds: [identity.accountId], collectedAt, evidence, aws: awsContext };
  } finally {
    clients.destroy();
  }
}
