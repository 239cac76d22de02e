/**
 * The region a bucket lives in, from GetBucketLocation's LocationConstraint as the S3 model
 * defines it: buckets in us-east-1 answer an empty (null) constraint, and `EU` is the legacy
 * name of eu-west-1; every other answer is the region itself.
 */
export function regionOfLocation(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}
