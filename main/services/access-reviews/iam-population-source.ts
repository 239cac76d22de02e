import { SOURCES } from '../../../shared/checks/sources';
import type { ApiCall } from '../../../shared/domain/evidence';
import type { AppError } from '../../../shared/ipc/result';
import type { IamAccountData } from '../../../shared/rules/access/population';
import type { IamSource } from '../../../shared/rules/iam';
import { mapAwsError } from '../aws/errors';
import type { RunClients } from '../aws/run-clients';
import { CallRecorder } from '../collectors/call-recorder';
import { IAM_FETCHERS } from '../collectors/sources/iam';
import type { PollOptions, SourceContext, SourceResult } from '../collectors/sources/types';
import type { Limit } from '../map-limit';

/**
 * One account's IAM for an access review, through the same sources the IAM checks read
 * (authorization details, credential report, AWS-managed policy documents). A credential
 * report that is denied is said in a note; any other failure is the account's error. The
 * Permissions screen's policy grants them from `POPULATION_IAM_SOURCES` (shared/rules/access).
 */

export interface IamRead {
  data: IamAccountData;
  calls: ApiCall[];
  files: { name: string; accountId: string; body: unknown }[];
  notes: string[];
}

export async function readAccountIam(o: {
  accountId: string;
  clients: RunClients;
  region: string;
  profile: string;
  signal: AbortSignal;
  now: () => Date;
  limit: Limit;
  poll: PollOptions;
  /** Put before each note when the review covers more than one account. */
  notePrefix: string;
}): Promise<IamRead> {
  const notes: string[] = [];
  const started = new Map<IamSource, Promise<SourceResult<IamSource>>>();
  const source = <K extends IamSource>(key: K): Promise<SourceResult<K>> => {
    let p = started.get(key);
    if (!p) {
      const ctx: SourceContext = {
        accountId: o.accountId,
        clients: o.clients,
        region: o.region,
        signal: o.signal,
        recorder: new CallRecorder('iam', o.region, o.now, o.limit),
        poll: o.poll,
        dependency: source as SourceContext['dependency'],
      };
      p = (IAM_FETCHERS[key] as (c: SourceContext) => Promise<SourceResult<IamSource>>)(ctx).catch((e: unknown) => {
        throw mapAwsError(e, { profile: o.profile, action: SOURCES[key].actions[0] });
      });
      started.set(key, p);
    }
    return p as Promise<SourceResult<K>>;
  };
  const report = source('credentialReport').then(
    (r) => r,
    (e: AppError) => {
      if (e.code !== 'ACCESS_DENIED') throw e;
      notes.push(
        `${o.notePrefix}The credential report could not be read (${SOURCES.credentialReport.actions.join(', ')} denied): IAM users show no password, MFA or last use.`,
      );
      return null;
    },
  );
  // Settled before anything throws, so no source's failure is left unhandled.
  report.catch(() => undefined);
  const details = await source('authorizationDetails');
  const managed = await source('awsManagedPolicyDocuments');
  const credentialReport = await report;
  const calls: ApiCall[] = [];
  const files: IamRead['files'] = [];
  for (const r of [details, managed, credentialReport]) {
    if (!r) continue;
    calls.push(...r.calls);
    for (const f of r.files) {
      const text = typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8');
      // The credential report is CSV: kept as its text, the JSON answers as JSON.
      files.push({
        name: f.fileName,
        accountId: o.accountId,
        body: f.mediaType === 'application/json' ? JSON.parse(text) : text,
      });
    }
  }
  return {
    data: {
      accountId: o.accountId,
      authorizationDetails: details.value,
      ...(credentialReport ? { credentialReport: credentialReport.value } : {}),
      awsManagedPolicyDocuments: managed.value,
    },
    calls,
    files,
    notes,
  };
}
