import { EC2Client, paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { S3Client, paginateListBuckets } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { basicScenario, DEFAULT_REGIONS, resourceBuilders } from '../../../main/sandbox/aws-endpoint';
import { useLocalEndpoint } from '../helpers/local-endpoint';

const ACCOUNT = '123456789012';
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const size = { accountId: ACCOUNT, regions: 17, buckets: 300, securityGroups: 2000, vpcs: 200, kmsKeys: 50 };
const endpoint = useLocalEndpoint({
  scenario: {
    ...basicScenario,
    resources: { pageCap: 50, accounts: { [ACCOUNT]: resourceBuilders.sizedAccount(size) } },
  },
});

describe('scenario builder: the benchmark account', () => {
  it('spreads 2,000 security groups over 17 regions, served in pages the SDK paginator follows', async () => {
    let groups = 0;
    let pages = 0;
    for (const region of DEFAULT_REGIONS) {
      const client = new EC2Client({ region, endpoint: endpoint.url, credentials, maxAttempts: 1 });
      for await (const page of paginateDescribeSecurityGroups({ client, pageSize: 1000 }, {})) {
        groups += page.SecurityGroups!.length;
        pages += 1;
      }
    }
    expect(groups).toBe(2000);
    expect(pages).toBe(endpoint.calls.get('ec2:DescribeSecurityGroups'));
    expect(pages).toBeGreaterThan(17 * 2);
  });

  it('lists 300 buckets through ContinuationToken pages', async () => {
    const client = new S3Client({ region: 'us-east-1', endpoint: endpoint.url, credentials, maxAttempts: 1 });
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client, pageSize: 1000 }, {}))
      names.push(...page.Buckets!.map((b) => b.Name!));
    expect(new Set(names).size).toBe(300);
    expect(endpoint.calls.get('s3:ListBuckets')).toBe(6);
  });
});
