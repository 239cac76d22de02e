import type { BucketPolicy, PolicyStatement } from './resources';

/**
 * Just enough bucket-policy evaluation for the reads the checks make: a Deny statement that
 * names the reader (by `*`, its account, its role or its session) and one of the action's
 * patterns refuses the call, as S3 does. Conditions: `aws:SecureTransport` is true (AWS is
 * always reached over TLS), `aws:PrincipalArn` is the reader's role ARN; a statement with any
 * other condition key is treated as not matching.
 */

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);

export interface Reader {
  accountId: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` or an IAM user ARN. */
  arn: string;
}

/** The IAM ARN a session acts as: the role behind an assumed-role session, else the ARN itself. */
export function principalArn(reader: Reader): string {
  const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(reader.arn);
  return m ? `arn:aws:iam::${m[1]}:role/${m[2]}` : reader.arn;
}

function namesReader(s: PolicyStatement, reader: Reader): boolean {
  if (s.Principal === '*') return true;
  const aws = asList(s.Principal?.AWS);
  const me = [reader.accountId, `arn:aws:iam::${reader.accountId}:root`, principalArn(reader), reader.arn];
  return aws.some((p) => p === '*' || me.some((m) => like(p, m)));
}

function conditionHolds(s: PolicyStatement, reader: Reader): boolean {
  const context: Record<string, string> = { 'aws:securetransport': 'true', 'aws:principalarn': principalArn(reader) };
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    for (const [key, wanted] of Object.entries(keys)) {
      const actual = context[key.toLowerCase()];
      if (actual === undefined) return false;
      const values = asList(wanted);
      const matches = values.some((v) =>
        operator.includes('Like') ? like(v, actual) : v.toLowerCase() === actual.toLowerCase(),
      );
      if (operator.includes('Not') ? matches : !matches) return false;
    }
  }
  return true;
}

/** Whether the bucket policy denies `action` (an IAM action, e.g. `s3:GetBucketPolicy`) to the reader. */
export function policyDenies(policy: BucketPolicy | undefined, reader: Reader, action: string): boolean {
  return (policy?.Statement ?? []).some(
    (s) =>
      s.Effect === 'Deny' &&
      namesReader(s, reader) &&
      asList(s.Action).some((a) => like(a.toLowerCase(), action.toLowerCase())) &&
      conditionHolds(s, reader),
  );
}

/** S3's IsPublic, roughly: an Allow to everyone without a condition. */
export function policyIsPublic(policy: BucketPolicy | undefined): boolean {
  return (policy?.Statement ?? []).some(
    (s) =>
      s.Effect === 'Allow' &&
      (s.Principal === '*' || asList(s.Principal?.AWS).includes('*')) &&
      Object.keys(s.Condition ?? {}).length === 0,
  );
}
