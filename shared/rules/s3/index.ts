import type { FindingEntity, FindingError } from '../../domain/findings';
import type { RuleInput, RuleOutcome } from '../../checks/types';
import { need } from '../iam/snapshot';
import { hasValue, isNotOptedIn, names, plural, unreadable, worst, type PerResource } from '../regional';

export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export interface S3SourceValues {
  /**
   * ListBuckets with each bucket's region; where ListBuckets gave none, GetBucketLocation's
   * (`RegionFrom`). Without either the region is unknown and the bucket is read through S3's redirect.
   */
  buckets: { Name: string; BucketRegion?: string; RegionFrom?: 'GetBucketLocation'; CreationDate?: string }[];
  /** GetBucketEncryption's rules; `null` when the bucket has none. */
  bucketEncryption: PerResource<
    { SSEAlgorithm?: string; KMSMasterKeyID?: string; BucketKeyEnabled?: boolean }[] | null
  >[];
  /** GetBucketPolicy's document text; `null` when the bucket has no policy. */
  bucketPolicies: PerResource<string | null>[];
  bucketPolicyStatus: PerResource<{ IsPublic?: boolean } | null>[];
  bucketPublicAccessBlocks: PerResource<PublicAccessBlock | null>[];
  /** S3 Control GetPublicAccessBlock for the account; `null` when none is set. */
  accountPublicAccessBlock: PublicAccessBlock | null;
}

const KIND: Record<string, string> = { AES256: 'SSE-S3', 'aws:kms': 'SSE-KMS', 'aws:kms:dsse': 'DSSE-KMS' };

function judgeBuckets<T>(
  readings: PerResource<T>[],
  judge: (b: PerResource<T> & { value: T }) => FindingEntity,
  words: { pass: (n: number) => string; fail: (f: FindingEntity[]) => string },
): RuleOutcome {
  if (readings.length === 0)
    return { result: 'not_applicable', summary: 'The account has no S3 buckets.', entities: [] };
  const entities = readings.map((b) => (hasValue(b) ? judge(b) : unreadable(b.arn, b.name, b.region, b.error)));
  const result = worst(entities);
  const failing = entities.filter((e) => e.result === 'fail');
  const firstError = readings.find((b) => !hasValue(b));
  if (result === 'fail') return { result, summary: words.fail(failing), entities };
  if (result === 'error')
    return {
      result,
      summary: `Could not read ${names(entities.filter((e) => e.result === 'error'))}.`,
      entities,
      ...(firstError && 'error' in firstError ? { error: firstError.error } : {}),
    };
  return { result: 'pass', summary: words.pass(entities.length), entities };
}

export function s3DefaultEncryption({ snapshot }: RuleInput): RuleOutcome {
  return judgeBuckets(
    need(snapshot, 'bucketEncryption'),
    (b) => {
      const rule = b.value?.find((r) => r.SSEAlgorithm);
      return {
        arn: b.arn,
        name: b.name,
        region: b.region,
        result: rule ? 'pass' : 'fail',
        detail: rule
          ? `Default encryption ${KIND[rule.SSEAlgorithm!] ?? rule.SSEAlgorithm}${rule.KMSMasterKeyID ? ` with ${rule.KMSMasterKeyID}` : ''}.`
          : 'No default encryption configuration.',
        facts: { SSEAlgorithm: rule?.SSEAlgorithm ?? null, kind: rule ? (KIND[rule.SSEAlgorithm!] ?? null) : null },
      };
    },
    {
      pass: (n) => `Every bucket (${n}) has default encryption.`,
      fail: (f) => `${plural(f.length, 'bucket')} without default encryption: ${names(f)}.`,
    },
  );
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const everyone = (p: unknown) =>
  p === '*' || (typeof p === 'object' && p !== null && list((p as { AWS?: unknown }).AWS).includes('*'));

/** A Deny for everyone, on every S3 action (or every action), when aws:SecureTransport is false. */
export function deniesInsecureTransport(policyText: string): boolean {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return false;
  }
  return list(doc.Statement).some((raw) => {
    const s = raw as Statement;
    if (s.Effect !== 'Deny' || !everyone(s.Principal)) return false;
    const actions = list(s.Action).map(String);
    if (!actions.some((a) => a === '*' || a === 's3:*')) return false;
    const bool = s.Condition?.Bool ?? s.Condition?.bool;
    const value = bool ? list((bool as Record<string, unknown>)['aws:SecureTransport']).map(String) : [];
    return value.includes('false');
  });
}

export function s3TlsOnly({ snapshot }: RuleInput): RuleOutcome {
  return judgeBuckets(
    need(snapshot, 'bucketPolicies'),
    (b) => {
      const ok = b.value !== null && deniesInsecureTransport(b.value);
      return {
        arn: b.arn,
        name: b.name,
        region: b.region,
        result: ok ? 'pass' : 'fail',
        detail: ok
          ? 'The bucket policy denies requests without TLS (aws:SecureTransport false).'
          : b.value === null
            ? 'The bucket has no policy, so requests without TLS are not denied.'
            : 'The bucket policy has no Deny for requests without TLS (aws:SecureTransport false).',
        facts: { hasPolicy: b.value !== null },
      };
    },
    {
      pass: (n) => `Every bucket (${n}) denies requests without TLS.`,
      fail: (f) => `${plural(f.length, 'bucket')} accept requests without TLS: ${names(f)}.`,
    },
  );
}

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
const allOn = (b: PublicAccessBlock | null) => b !== null && FLAGS.every((f) => b[f] === true);
const offFlags = (b: PublicAccessBlock | null) => (b === null ? [...FLAGS] : FLAGS.filter((f) => b[f] !== true));

/** A bucket whose GetBucketPolicyStatus was not answered: whether its policy is public is unknown, never a pass. */
function unreadPolicyStatus(
  b: { arn: string; name: string; region: string },
  status: PerResource<unknown> | undefined,
  accountId: string,
): FindingEntity {
  const error: FindingError =
    status && 'error' in status
      ? status.error
      : { code: 'NOT_READ', message: `GetBucketPolicyStatus was not read for ${b.name} in account ${accountId}.` };
  const entity = unreadable(b.arn, b.name, b.region, error);
  return { ...entity, detail: `Whether its policy is public is unknown. ${entity.detail}` };
}

export function s3PublicAccess({ snapshot }: RuleInput): RuleOutcome {
  const account = need(snapshot, 'accountPublicAccessBlock');
  const statuses = need(snapshot, 'bucketPolicyStatus');
  const accountEntity: FindingEntity = {
    arn: `arn:${snapshot.partition}:s3:::${snapshot.accountId}`,
    name: 'account',
    result: allOn(account) ? 'pass' : 'fail',
    detail: allOn(account)
      ? 'All four account-level public access block settings are on.'
      : account === null
        ? 'The account has no public access block.'
        : `Account-level settings off: ${offFlags(account).join(', ')}.`,
    facts: { ...(account ?? {}) },
  };
  const outcome = judgeBuckets(
    need(snapshot, 'bucketPublicAccessBlocks'),
    (b) => {
      const status = statuses.find((s) => s.name === b.name);
      if (!status || !hasValue(status)) return unreadPolicyStatus(b, status, snapshot.accountId);
      const isPublic = status.value?.IsPublic === true;
      const blocked = allOn(b.value) || allOn(account);
      const gaps = [
        ...(isPublic ? ['its bucket policy is public'] : []),
        ...(blocked ? [] : [`public access block off: ${offFlags(b.value).join(', ')}`]),
      ];
      return {
        arn: b.arn,
        name: b.name,
        region: b.region,
        result: gaps.length === 0 ? 'pass' : 'fail',
        detail:
          gaps.length === 0
            ? `Public access blocked (${allOn(b.value) ? 'bucket settings' : 'account settings'}); the policy is not public.`
            : `${gaps.join('; ')}.`,
        facts: { ...(b.value ?? {}), policyIsPublic: isPublic },
      };
    },
    {
      pass: (n) => `Public access is blocked for the account and every bucket (${n}); no bucket policy is public.`,
      fail: (f) => `${plural(f.length, 'bucket')} can be made or are public: ${names(f)}.`,
    },
  );
  const unreadStatus = statuses.find((st) => !hasValue(st) && !isNotOptedIn(st.error));
  if (outcome.result === 'error' && !outcome.error && unreadStatus && 'error' in unreadStatus)
    outcome.error = unreadStatus.error;
  const entities = [accountEntity, ...outcome.entities];
  if (accountEntity.result === 'fail' && outcome.result !== 'fail')
    return {
      result: 'fail',
      summary: `${accountEntity.detail}${outcome.result === 'not_applicable' ? '' : ` ${outcome.summary}`}`,
      entities,
    };
  return {
    ...outcome,
    result: outcome.result === 'not_applicable' ? 'pass' : outcome.result,
    entities,
    summary:
      outcome.result === 'not_applicable' ? `${accountEntity.detail} The account has no buckets.` : outcome.summary,
  };
}
