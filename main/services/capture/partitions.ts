export const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn'] as const;
export type Partition = (typeof PARTITIONS)[number];

/** Where a partition's federation sign-in and console live (scheme + host, no trailing slash). */
export interface PartitionEndpoints {
  signin: string;
  console: string;
}

export const DEFAULT_ENDPOINTS: Record<Partition, PartitionEndpoints> = {
  aws: { signin: 'https://signin.aws.amazon.com', console: 'https://console.aws.amazon.com' },
  'aws-us-gov': { signin: 'https://signin.amazonaws-us-gov.com', console: 'https://console.amazonaws-us-gov.com' },
  'aws-cn': { signin: 'https://signin.amazonaws.cn', console: 'https://console.amazonaws.cn' },
};

/** The partition an ARN names (`arn:aws-us-gov:…`), else the one a region belongs to. */
export function partitionOf(principalArn: string | undefined, region: string | undefined): Partition {
  const fromArn = principalArn?.split(':')[1];
  if (fromArn && (PARTITIONS as readonly string[]).includes(fromArn)) return fromArn as Partition;
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  if (region?.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/**
 * A console deep link for a catalog path. Regional pages get `?region=` before the `#`
 * fragment (merged with a query the path may already have), as the console itself writes them.
 */
export function consoleUrl(
  endpoints: PartitionEndpoints,
  path: string,
  region: string | undefined,
  regional: boolean,
): string {
  const hashAt = path.indexOf('#');
  const beforeHash = hashAt === -1 ? path : path.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : path.slice(hashAt);
  const withRegion =
    regional && region
      ? `${beforeHash}${beforeHash.includes('?') ? '&' : '?'}region=${encodeURIComponent(region)}`
      : beforeHash;
  return `${endpoints.console}${withRegion}${fragment}`;
}
