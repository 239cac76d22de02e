import { createHash } from 'node:crypto';
import { policyDenies, policyIsPublic } from '../bucket-policy';
import { BadPage, pageOf } from '../paging';
import { toXml, xmlEscape, XmlList, type XmlValue } from '../responses';
import type { BucketModel } from '../resources';
import type { AwsRequest, AwsResponse, HandlerEnv, ServiceHandler } from '../types';

/**
 * S3 over REST-XML (2006-03-01), addressed both ways AWS accepts: virtual-host style
 * (`<bucket>.localhost:<port>`, `<bucket>.s3.<region>.amazonaws.com`) and path style
 * (`127.0.0.1:<port>/<bucket>`, which the SDK uses for an IP endpoint). A bucket answers only
 * in its own region: a call signed for another is a 301 PermanentRedirect with
 * `x-amz-bucket-region`, which the SDK follows when `followRegionRedirects` is on. A bucket
 * policy that denies the reader answers AccessDenied. Responses carry `x-amz-request-id`.
 */

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Bucket sub-resources (the query key) → operation, and the IAM action each needs. */
const SUBRESOURCES: Record<string, { op: string; action: string }> = {
  location: { op: 'GetBucketLocation', action: 's3:GetBucketLocation' },
  encryption: { op: 'GetBucketEncryption', action: 's3:GetEncryptionConfiguration' },
  policy: { op: 'GetBucketPolicy', action: 's3:GetBucketPolicy' },
  policyStatus: { op: 'GetBucketPolicyStatus', action: 's3:GetBucketPolicyStatus' },
  publicAccessBlock: { op: 'GetPublicAccessBlock', action: 's3:GetBucketPublicAccessBlock' },
};
const IAM_ACTIONS: Record<string, string> = {
  ListBuckets: 's3:ListAllMyBuckets',
  HeadBucket: 's3:ListBucket',
  ...Object.fromEntries(Object.values(SUBRESOURCES).map((s) => [s.op, s.action])),
};

/** The bucket a request addresses: from the Host (virtual-host style) or the first path segment. */
export function addressedBucket(req: AwsRequest): { bucket?: string; style: 'virtual-host' | 'path' } {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const virtual =
    /^(.+)\.localhost$/.exec(host)?.[1] ?? /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/.exec(host)?.[1];
  if (virtual) return { bucket: virtual, style: 'virtual-host' };
  const first = req.path.split('/')[1];
  return { ...(first ? { bucket: decodeURIComponent(first) } : {}), style: 'path' };
}

function operationOf(req: AwsRequest): string | undefined {
  const { bucket } = addressedBucket(req);
  if (!bucket) return req.method === 'GET' ? 'ListBuckets' : undefined;
  if (req.method === 'HEAD') return 'HeadBucket';
  if (req.method !== 'GET') return undefined;
  const keys = Object.keys(req.query).filter((k) => k !== 'x-id');
  return keys.length === 1 ? SUBRESOURCES[keys[0]!]?.op : undefined;
}

const hostId = (requestId: string) => createHash('sha256').update(requestId).digest('base64');
/** The canonical user id S3 shows as a bucket owner: 64 hex characters, stable per account. */
export const canonicalUserId = (accountId: string) => createHash('sha256').update(`owner/${accountId}`).digest('hex');

function s3Response(env: HandlerEnv, status: number, body: string, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': env.requestId,
      'x-amz-id-2': hostId(env.requestId),
      ...headers,
    },
    body,
  };
}

const xmlDoc = (root: string, inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${inner}</${root}>`;

function s3Error(
  env: HandlerEnv,
  status: number,
  code: string,
  message: string,
  extra: Record<string, XmlValue> = {},
  headers: Record<string, string> = {},
): AwsResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${toXml(extra)}<RequestId>${env.requestId}</RequestId><HostId>${hostId(env.requestId)}</HostId></Error>`;
  return s3Response(env, status, body, headers);
}

/** Every bucket of the scenario with the account that owns it: bucket names are global. */
function findBucket(env: HandlerEnv, name: string): { bucket: BucketModel; owner: string } | undefined {
  for (const [owner, account] of Object.entries(env.scenario.resources?.accounts ?? {})) {
    const bucket = account.s3?.buckets.find((b) => b.Name === name);
    if (bucket) return { bucket, owner };
  }
  return undefined;
}

function listBuckets(req: AwsRequest, env: HandlerEnv): AwsResponse {
  const accountId = env.caller?.accountId ?? '';
  const prefix = req.query.prefix ?? '';
  const region = req.query['bucket-region'];
  const buckets = [...(env.resources?.account.s3?.buckets ?? [])]
    .filter((b) => b.Name.startsWith(prefix) && (!region || b.region === region))
    .sort((a, b) => a.Name.localeCompare(b.Name));
  let pg;
  try {
    pg = pageOf(
      buckets,
      req.query['continuation-token'],
      req.query['max-buckets'],
      { max: 10000, limitName: 'max-buckets' },
      env.resources?.pageCap,
    );
  } catch (e) {
    if (!(e instanceof BadPage)) throw e;
    return s3Error(env, 400, e.kind === 'token' ? 'InvalidToken' : 'InvalidArgument', e.message);
  }
  const inner = toXml({
    Owner: { DisplayName: `owner-${accountId}`, ID: canonicalUserId(accountId) },
    Buckets: new XmlList(
      'Bucket',
      pg.items.map((b) => ({
        Name: b.Name,
        CreationDate: b.CreationDate,
        BucketRegion: env.faults.listBucketsWithoutRegion ? undefined : b.region,
      })),
    ),
    ContinuationToken: pg.next,
    Prefix: req.query.prefix,
  });
  return s3Response(env, 200, xmlDoc('ListAllMyBucketsResult', inner));
}

function bucketAnswer(op: string, bucket: BucketModel, env: HandlerEnv): AwsResponse {
  const name = { BucketName: bucket.Name };
  switch (op) {
    case 'HeadBucket':
      return { ...s3Response(env, 200, '', { 'x-amz-bucket-region': bucket.region }), body: '' };
    case 'GetBucketLocation':
      // us-east-1 is an empty LocationConstraint; a legacy eu-west-1 bucket answers `EU`.
      return s3Response(
        env,
        200,
        bucket.region === 'us-east-1'
          ? `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${NAMESPACE}"/>`
          : xmlDoc('LocationConstraint', xmlEscape(bucket.locationConstraint ?? bucket.region)),
      );
    case 'GetBucketEncryption':
      if (!bucket.encryption)
        return s3Error(
          env,
          404,
          'ServerSideEncryptionConfigurationNotFoundError',
          'The server side encryption configuration was not found',
          name,
        );
      return s3Response(
        env,
        200,
        xmlDoc(
          'ServerSideEncryptionConfiguration',
          toXml({ Rule: new XmlList('Rule', bucket.encryption as unknown as XmlValue[], true) }),
        ),
      );
    case 'GetBucketPolicy':
      if (!bucket.policy) return s3Error(env, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist', name);
      return {
        ...s3Response(env, 200, JSON.stringify(bucket.policy)),
        headers: { 'content-type': 'application/json', 'x-amz-request-id': env.requestId },
      };
    case 'GetBucketPolicyStatus':
      if (!bucket.policy) return s3Error(env, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist', name);
      return s3Response(
        env,
        200,
        xmlDoc('PolicyStatus', toXml({ IsPublic: bucket.policyIsPublic ?? policyIsPublic(bucket.policy) })),
      );
    case 'GetPublicAccessBlock':
      if (!bucket.publicAccessBlock)
        return s3Error(
          env,
          404,
          'NoSuchPublicAccessBlockConfiguration',
          'The public access block configuration was not found',
          name,
        );
      return s3Response(
        env,
        200,
        xmlDoc('PublicAccessBlockConfiguration', toXml({ ...bucket.publicAccessBlock } as Record<string, XmlValue>)),
      );
  }
  return s3Error(env, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
}

export const s3: ServiceHandler = {
  id: 's3',
  protocol: 'restXml',
  xmlNamespace: NAMESPACE,
  matches: (req) => req.signing?.service === 's3' && !req.path.startsWith('/v20180820/'),
  operation: operationOf,
  iamAction: (op) => IAM_ACTIONS[op],

  async handle(req, env) {
    const op = operationOf(req)!;
    if (op === 'ListBuckets') return listBuckets(req, env);
    const name = addressedBucket(req).bucket!;
    const found = findBucket(env, name);
    const head = op === 'HeadBucket';
    if (!found) {
      const r = s3Error(env, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: name });
      return head ? { ...r, body: '' } : r;
    }
    const { bucket, owner } = found;
    const signedFor = req.signing?.region ?? '';
    if (signedFor !== bucket.region && op !== 'GetBucketLocation') {
      const r = s3Error(
        env,
        301,
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        { Endpoint: `${name}.s3.${bucket.region}.amazonaws.com`, Bucket: name },
        { 'x-amz-bucket-region': bucket.region },
      );
      return head ? { ...r, body: '' } : r;
    }
    const reader = { accountId: env.caller?.accountId ?? '', arn: env.caller?.arn ?? '' };
    if (owner !== reader.accountId || policyDenies(bucket.policy, reader, IAM_ACTIONS[op]!)) {
      const r = s3Error(env, 403, 'AccessDenied', 'Access Denied');
      return head ? { ...r, body: '' } : r;
    }
    return bucketAnswer(op, bucket, env);
  },
};
