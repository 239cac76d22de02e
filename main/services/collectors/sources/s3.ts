import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { SourceValues } from '../../../../shared/checks/types';
import type { PerResource } from '../../../../shared/rules/regional';
import { regionOfLocation } from '../../../../shared/rules/s3/bucket-location';
import type { RawPage } from '../call-recorder';
import { tokenPages } from './pages';
import { readError } from './read-error';
import { jsonFile, type Fetcher, type SourceContext } from './types';

const errorName = (e: unknown) => (e as { name?: string }).name ?? '';

export const buckets: Fetcher<'buckets'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.s3(region);
  const pages = await tokenPages(
    's3:ListAllMyBuckets',
    (token) => {
      const input = { MaxBuckets: 1000, ...(token ? { ContinuationToken: token } : {}) };
      return recorder.call(
        'ListBuckets',
        () => client.send(new ListBucketsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.ContinuationToken,
  );
  const listed = pages.flatMap((p) => p.output.Buckets ?? []);
  const located = await Promise.all(
    listed.map((b) => (b.BucketRegion || !b.Name ? undefined : bucketLocation(client, b.Name, signal, recorder))),
  );
  const value = listed.map((b, i) => ({
    Name: b.Name ?? '',
    ...(b.BucketRegion
      ? { BucketRegion: b.BucketRegion }
      : located[i]?.region
        ? { BucketRegion: located[i].region, RegionFrom: 'GetBucketLocation' as const }
        : {}),
    ...(b.CreationDate ? { CreationDate: b.CreationDate.toISOString() } : {}),
  }));
  const locations = located.flatMap((l) => (l ? [l.page] : []));
  return {
    value,
    files: [
      jsonFile(
        's3-ListBuckets.json',
        `S3 ListBuckets (${value.length})${locations.length ? ` and GetBucketLocation (${locations.length})` : ''}`,
        { pages: [...pages.map((p) => p.page), ...locations] },
      ),
    ],
    calls: recorder.calls,
  };
};

/**
 * A bucket ListBuckets gave no BucketRegion for (older answers, some S3-compatible endpoints):
 * GetBucketLocation names its region, so it is read and labelled there. If that fails too, the
 * region stays unknown: the bucket is read through S3's redirect, in the home region's name.
 */
async function bucketLocation(
  client: ReturnType<SourceContext['clients']['s3']>,
  Bucket: string,
  signal: AbortSignal,
  recorder: SourceContext['recorder'],
): Promise<{ region?: string; page: RawPage }> {
  try {
    const r = await recorder.call(
      'GetBucketLocation',
      () => client.send(new GetBucketLocationCommand({ Bucket }), { abortSignal: signal }),
      { Bucket },
    );
    return { region: regionOfLocation(r.output.LocationConstraint), page: r.page };
  } catch (e) {
    if (signal.aborted) throw e;
    const call = recorder.calls.at(-1);
    return {
      page: {
        operation: 'GetBucketLocation',
        at: call?.at ?? new Date().toISOString(),
        input: { Bucket },
        error: { code: errorName(e), message: (e as Error).message },
      },
    };
  }
}

type PerBucketKey = 'bucketEncryption' | 'bucketPolicies' | 'bucketPolicyStatus' | 'bucketPublicAccessBlocks';
type Inner<K extends PerBucketKey> = SourceValues[K][number] extends PerResource<infer T> ? T : never;

/**
 * One read per bucket, in the bucket's own region (ListBuckets says which; S3 redirects are
 * followed for one it does not). "Nothing configured" is a value; a denied or failed read is
 * that bucket's error, and the other buckets still count.
 */
function perBucket<K extends PerBucketKey>(
  operation: string,
  action: string,
  fileName: string,
  read: (ctx: SourceContext, bucket: string, region: string) => Promise<{ value: Inner<K>; page: RawPage }>,
  absent: { errors: string[]; value: Inner<K> },
): Fetcher<K> {
  return async (ctx) => {
    const list = (await ctx.dependency('buckets')).value;
    const pages: RawPage[] = [];
    const value = (await Promise.all(
      list.map(async (b) => {
        const region = b.BucketRegion ?? ctx.region;
        const base = { name: b.Name, arn: `arn:aws:s3:::${b.Name}`, region };
        try {
          const r = await read(ctx, b.Name, region);
          pages.push(r.page);
          return { ...base, value: r.value };
        } catch (e) {
          if (absent.errors.includes(errorName(e))) {
            const call = ctx.recorder.calls.at(-1);
            pages.push({
              operation,
              at: call?.at ?? new Date().toISOString(),
              input: { Bucket: b.Name },
              error: { code: errorName(e), message: (e as Error).message },
            });
            return { ...base, value: absent.value };
          }
          if (ctx.signal.aborted) throw e;
          return { ...base, error: readError(e, action) };
        }
      }),
    )) as SourceValues[K];
    pages.sort((a, b) => String(a.input?.Bucket).localeCompare(String(b.input?.Bucket)));
    return {
      value,
      files: [jsonFile(fileName, `S3 ${operation} for ${list.length} buckets`, { pages })],
      calls: ctx.recorder.calls,
    };
  };
}

export const bucketEncryption = perBucket<'bucketEncryption'>(
  'GetBucketEncryption',
  's3:GetEncryptionConfiguration',
  's3-GetBucketEncryption.json',
  async ({ clients, signal, recorder }, Bucket, region) => {
    const r = await recorder.call(
      'GetBucketEncryption',
      () => clients.s3(region).send(new GetBucketEncryptionCommand({ Bucket }), { abortSignal: signal }),
      { Bucket },
    );
    return {
      page: r.page,
      value: (r.output.ServerSideEncryptionConfiguration?.Rules ?? []).map((x) => ({
        ...(x.ApplyServerSideEncryptionByDefault?.SSEAlgorithm
          ? { SSEAlgorithm: x.ApplyServerSideEncryptionByDefault.SSEAlgorithm }
          : {}),
        ...(x.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID
          ? { KMSMasterKeyID: x.ApplyServerSideEncryptionByDefault.KMSMasterKeyID }
          : {}),
        ...(x.BucketKeyEnabled !== undefined ? { BucketKeyEnabled: x.BucketKeyEnabled } : {}),
      })),
    };
  },
  { errors: ['ServerSideEncryptionConfigurationNotFoundError'], value: null },
);

export const bucketPolicies = perBucket<'bucketPolicies'>(
  'GetBucketPolicy',
  's3:GetBucketPolicy',
  's3-GetBucketPolicy.json',
  async ({ clients, signal, recorder }, Bucket, region) => {
    const r = await recorder.call(
      'GetBucketPolicy',
      () => clients.s3(region).send(new GetBucketPolicyCommand({ Bucket }), { abortSignal: signal }),
      { Bucket },
    );
    return { page: r.page, value: r.output.Policy ?? null };
  },
  { errors: ['NoSuchBucketPolicy'], value: null },
);

export const bucketPolicyStatus = perBucket<'bucketPolicyStatus'>(
  'GetBucketPolicyStatus',
  's3:GetBucketPolicyStatus',
  's3-GetBucketPolicyStatus.json',
  async ({ clients, signal, recorder }, Bucket, region) => {
    const r = await recorder.call(
      'GetBucketPolicyStatus',
      () => clients.s3(region).send(new GetBucketPolicyStatusCommand({ Bucket }), { abortSignal: signal }),
      { Bucket },
    );
    return { page: r.page, value: { IsPublic: r.output.PolicyStatus?.IsPublic ?? false } };
  },
  { errors: ['NoSuchBucketPolicy'], value: null },
);

export const bucketPublicAccessBlocks = perBucket<'bucketPublicAccessBlocks'>(
  'GetPublicAccessBlock',
  's3:GetBucketPublicAccessBlock',
  's3-GetPublicAccessBlock.json',
  async ({ clients, signal, recorder }, Bucket, region) => {
    const r = await recorder.call(
      'GetPublicAccessBlock',
      () => clients.s3(region).send(new GetPublicAccessBlockCommand({ Bucket }), { abortSignal: signal }),
      { Bucket },
    );
    return { page: r.page, value: { ...(r.output.PublicAccessBlockConfiguration ?? {}) } };
  },
  { errors: ['NoSuchPublicAccessBlockConfiguration'], value: null },
);

export const accountPublicAccessBlock: Fetcher<'accountPublicAccessBlock'> = async ({
  clients,
  region,
  signal,
  recorder,
  accountId,
}) => {
  let page: RawPage;
  let value: SourceValues['accountPublicAccessBlock'];
  try {
    const r = await recorder.call(
      'GetPublicAccessBlock',
      () =>
        clients
          .s3control(region)
          .send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId }), { abortSignal: signal }),
      { AccountId: accountId },
    );
    page = r.page;
    value = { ...(r.output.PublicAccessBlockConfiguration ?? {}) };
  } catch (e) {
    if (errorName(e) !== 'NoSuchPublicAccessBlockConfiguration') throw e;
    const call = recorder.calls.at(-1)!;
    page = {
      operation: 'GetPublicAccessBlock',
      at: call.at,
      ...(call.requestId ? { requestId: call.requestId } : {}),
      error: { code: 'NoSuchPublicAccessBlockConfiguration', message: (e as Error).message },
    };
    value = null;
  }
  return {
    value,
    files: [
      jsonFile('s3control-GetPublicAccessBlock.json', 'S3 Control GetPublicAccessBlock (account)', { pages: [page] }),
    ],
    calls: recorder.calls,
  };
};
