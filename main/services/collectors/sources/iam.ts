import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListVirtualMFADevicesCommand,
  type EntityType,
} from '@aws-sdk/client-iam';
import { AppError } from '../../../../shared/ipc/result';
import {
  attachedAwsManagedPolicies,
  mergeAuthorizationPages,
  type AuthorizationDetails,
  type AuthorizationPage,
  type IamSource,
  type PasswordPolicy,
  type VirtualMfaDevice,
} from '../../../../shared/rules/iam';
import type { RawPage } from '../call-recorder';
import { formulaCellsInCsv } from '../../evidence/content-checks';
import { fetchCredentialReport } from './credential-report';
import { jsonFile, type Fetcher, type SourceContext } from './types';

const PAGE_SIZE = 1000;
/** Far more than any account needs at up to 1,000 items a page; beyond it the endpoint is broken. */
const MAX_PAGES = 1000;
const POLICY_FILTERS: EntityType[] = ['User', 'Role', 'Group', 'LocalManagedPolicy'];

const isNoSuchEntity = (e: unknown) => (e as { name?: string }).name === 'NoSuchEntityException';

function brokenPagination(operation: string, what: string): AppError {
  return new AppError(
    'AWS_ERROR',
    `IAM ${operation} ${what}, so its list cannot be completed; the check stopped instead of waiting forever.`,
    {
      hint: 'Try again later. If the SDK is pointed at another endpoint (AWS_ENDPOINT_URL, or endpoint_url in ~/.aws/config), check that endpoint.',
      details: { action: `iam:${operation}` },
    },
  );
}

/**
 * Follows IAM's Marker pagination to the end. An endpoint that hands back a marker it gave
 * before, or never stops, would loop forever; that ends the source with an error instead.
 */
async function allPages<T extends { IsTruncated?: boolean; Marker?: string }>(
  operation: string,
  fetch: (marker: string | undefined) => Promise<{ output: T; page: RawPage }>,
): Promise<{ output: T; page: RawPage }[]> {
  const results: { output: T; page: RawPage }[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const r = await fetch(marker);
    results.push(r);
    if (!r.output.IsTruncated) return results;
    marker = r.output.Marker;
    if (!marker) throw brokenPagination(operation, 'said more pages follow but gave no marker for them');
    if (seen.has(marker)) throw brokenPagination(operation, 'answered with a page marker it had already given');
    if (results.length === MAX_PAGES) throw brokenPagination(operation, `answered more than ${MAX_PAGES} pages`);
    seen.add(marker);
  }
}

const accountSummary: Fetcher<'accountSummary'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.iam(region);
  const { output, page } = await recorder.call('GetAccountSummary', () =>
    client.send(new GetAccountSummaryCommand({}), { abortSignal: signal }),
  );
  return {
    value: (output.SummaryMap ?? {}) as Record<string, number>,
    files: [jsonFile('iam-GetAccountSummary.json', 'IAM GetAccountSummary', page)],
    calls: recorder.calls,
  };
};

const passwordPolicy: Fetcher<'passwordPolicy'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.iam(region);
  let page: RawPage;
  let value: PasswordPolicy | null;
  try {
    const r = await recorder.call('GetAccountPasswordPolicy', () =>
      client.send(new GetAccountPasswordPolicyCommand({}), { abortSignal: signal }),
    );
    page = r.page;
    value = (r.output.PasswordPolicy ?? {}) as PasswordPolicy;
  } catch (e) {
    if (!isNoSuchEntity(e)) throw e;
    // "No password policy" is itself the evidence: keep AWS's answer.
    const call = recorder.calls.at(-1)!;
    page = {
      operation: 'GetAccountPasswordPolicy',
      at: call.at,
      ...(call.requestId ? { requestId: call.requestId } : {}),
      error: { code: 'NoSuchEntity', message: (e as Error).message },
    };
    value = null;
  }
  return {
    value,
    files: [jsonFile('iam-GetAccountPasswordPolicy.json', 'IAM GetAccountPasswordPolicy', page)],
    calls: recorder.calls,
  };
};

const credentialReport: Fetcher<'credentialReport'> = async (ctx) => {
  const report = await fetchCredentialReport(ctx);
  // IAM user names may start with = + - @: the bytes stay as AWS sent them, and the flag travels with them.
  const formulaCells = formulaCellsInCsv(report.csv);
  return {
    value: report.rows,
    files: [
      {
        fileName: 'iam-credential-report.csv',
        title: `IAM credential report (generated ${report.generatedAt ?? 'at an unknown time'})`,
        mediaType: 'text/csv',
        content: report.bytes,
        meta: {
          generatedTime: report.generatedAt,
          requestIds: report.pages.map((p) => p.requestId),
          ...(formulaCells ? { formulaCells } : {}),
        },
      },
    ],
    calls: ctx.recorder.calls,
  };
};

const virtualMfaDevices: Fetcher<'virtualMfaDevices'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.iam(region);
  const pages = (
    await allPages('ListVirtualMFADevices', (marker) => {
      const input = {
        AssignmentStatus: 'Assigned' as const,
        MaxItems: PAGE_SIZE,
        ...(marker ? { Marker: marker } : {}),
      };
      return recorder.call(
        'ListVirtualMFADevices',
        () => client.send(new ListVirtualMFADevicesCommand(input), { abortSignal: signal }),
        input,
      );
    })
  ).map((r) => r.page);
  const devices = pages.flatMap(
    (page) => (page.response as { VirtualMFADevices?: VirtualMfaDevice[] }).VirtualMFADevices ?? [],
  );
  return {
    value: devices,
    files: [jsonFile('iam-ListVirtualMFADevices.json', 'IAM ListVirtualMFADevices (assigned)', { pages })],
    calls: recorder.calls,
  };
};

/** One filter's pages; the four filters run side by side to save round trips. */
async function authorizationPages(
  { clients, region, signal, recorder }: SourceContext,
  filter: EntityType,
): Promise<RawPage[]> {
  const client = clients.iam(region);
  const results = await allPages('GetAccountAuthorizationDetails', (marker) => {
    const input = { Filter: [filter], MaxItems: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) };
    return recorder.call(
      'GetAccountAuthorizationDetails',
      () => client.send(new GetAccountAuthorizationDetailsCommand(input), { abortSignal: signal }),
      input,
    );
  });
  return results.map((r) => r.page);
}

const authorizationDetails: Fetcher<'authorizationDetails'> = async (ctx) => {
  const pages = (await Promise.all(POLICY_FILTERS.map((f) => authorizationPages(ctx, f)))).flat();
  const value: AuthorizationDetails = mergeAuthorizationPages(pages.map((p) => p.response as AuthorizationPage));
  return {
    value,
    files: [
      jsonFile(
        'iam-GetAccountAuthorizationDetails.json',
        `IAM GetAccountAuthorizationDetails (${POLICY_FILTERS.join(', ')}; ${pages.length} pages)`,
        { pages },
      ),
    ],
    calls: ctx.recorder.calls,
  };
};

/** Default-version documents of the AWS-managed policies that are attached to someone. */
const awsManagedPolicyDocuments: Fetcher<'awsManagedPolicyDocuments'> = async (ctx) => {
  const { signal, recorder } = ctx;
  const client = ctx.clients.iam(ctx.region);
  const arns = attachedAwsManagedPolicies((await ctx.dependency('authorizationDetails')).value);
  const documents: Record<string, string> = {};
  const pages: RawPage[] = [];
  await Promise.all(
    arns.map(async (arn) => {
      try {
        const policy = await recorder.call(
          'GetPolicy',
          () => client.send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal: signal }),
          { PolicyArn: arn },
        );
        const versionId = policy.output.Policy?.DefaultVersionId ?? '';
        const input = { PolicyArn: arn, VersionId: versionId };
        const version = await recorder.call(
          'GetPolicyVersion',
          () => client.send(new GetPolicyVersionCommand(input), { abortSignal: signal }),
          input,
        );
        pages.push(policy.page, version.page);
        const doc = version.output.PolicyVersion?.Document;
        if (doc !== undefined) documents[arn] = doc;
      } catch (e) {
        // A policy AWS retired answers NoSuchEntity; the admin rule reports it as unreadable.
        if (!isNoSuchEntity(e)) throw e;
      }
    }),
  );
  pages.sort(
    (a, b) =>
      String(a.input?.PolicyArn).localeCompare(String(b.input?.PolicyArn)) || a.operation.localeCompare(b.operation),
  );
  return {
    value: documents,
    files: [
      jsonFile(
        'iam-aws-managed-policies.json',
        `IAM GetPolicy and GetPolicyVersion for ${arns.length} attached AWS-managed policies`,
        { pages },
      ),
    ],
    calls: recorder.calls,
  };
};

export const IAM_FETCHERS: { [K in IamSource]: Fetcher<K> } = {
  accountSummary,
  passwordPolicy,
  credentialReport,
  virtualMfaDevices,
  authorizationDetails,
  awsManagedPolicyDocuments,
};
