import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetCredentialReportCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListVirtualMFADevicesCommand,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_COLUMNS, decodePolicyDocument } from '../../../shared/rules/iam';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario } from './iam-harness';

let endpoint: AwsEndpoint;
let iam: IAMClient;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: iamScenario(new Date(), (a) => {
      a['123456789012']!.root.mfa = 'virtual';
      a['123456789012']!.pageCap = 2;
    }),
  });
  // Static keys of account 123456789012 (healthy account) from the basic scenario.
  iam = new IAMClient({
    region: 'us-east-1',
    endpoint: endpoint.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  });
});
afterAll(async () => {
  iam.destroy();
  await endpoint.close();
});

describe('IAM on the local AWS endpoint (read by the real SDK)', () => {
  it('answers the credential report lifecycle with AWS error codes, then the 22-column CSV', async () => {
    await expect(iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotPresentException',
      $metadata: { httpStatusCode: 410 },
    });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    await expect(iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: 'CredentialReportNotReadyException',
      $metadata: { httpStatusCode: 404 },
    });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    const [header, root] = new TextDecoder().decode(report.Content).split('\n');
    expect(header!.split(',')).toEqual([...CREDENTIAL_REPORT_COLUMNS]);
    expect(root).toMatch(
      /^<root_account>,arn:aws:iam::123456789012:root,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00,not_supported,/,
    );
  });

  it('pages GetAccountAuthorizationDetails with Marker and short pages, and URL-encodes documents', async () => {
    const pages = [];
    for await (const p of paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: 1000 },
      { Filter: ['User', 'Group', 'Role'] },
    ))
      pages.push(p);
    expect(pages.length).toBe(2); // 3 entities, at most 2 a page whatever MaxItems says
    expect(pages[0]).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    const role = pages.flatMap((p) => p.RoleDetailList ?? [])[0]!;
    expect(role.AssumeRolePolicyDocument).toMatch(/^%7B/);
    expect(decodePolicyDocument(role.AssumeRolePolicyDocument!)).toMatchObject({
      Statement: [{ Action: 'sts:AssumeRole' }],
    });
    expect(pages.flatMap((p) => p.UserDetailList ?? [])[0]).toMatchObject({
      UserName: 'alice',
      GroupList: ['Engineers'],
    });
  });

  it('rejects a bad filter and a bad marker like IAM does', async () => {
    await expect(
      iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Users' as never] })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(
      iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'bm90LWEtbWFya2Vy' })),
    ).rejects.toMatchObject({ message: 'Invalid Marker.' });
    await expect(
      iam.send(
        new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v9' }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('lists the root virtual MFA device with the root ARN', async () => {
    const r = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(r.VirtualMFADevices?.[0]).toMatchObject({
      SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
      User: { Arn: 'arn:aws:iam::123456789012:root' },
    });
  });

  it('answers NoSuchEntity (404) when the account has no password policy', async () => {
    const other = await startAwsEndpoint({
      scenario: iamScenario(new Date(), (a) => (a['123456789012']!.passwordPolicy = null)),
    });
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: other.url,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    });
    await expect(client.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
    client.destroy();
    await other.close();
  });
});
