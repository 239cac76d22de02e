import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../main/services/aws/clients';
import { ALL_KINDS_CREDENTIALS, awsHome, useBasicEndpoint } from './aws-home';

const endpoint = useBasicEndpoint();

/**
 * Every setting of every SDK client comes from our one parse of the config files: the SDK's own
 * parser ran once per setting, and a 10 MB config made one `whoami` take a minute. The SDK reads
 * the files lazily, at the first call; ours are read when the client is made. So a config that is
 * replaced in between by one the SDK cannot work with (a defaults mode that does not exist, a
 * services section that is not there, FIPS with a custom endpoint) shows whether the SDK read it.
 */
const POISON = `[default]
defaults_mode = no-such-mode
use_fips_endpoint = true
services = missing
retry_mode = no-such-mode

[profile keys]
region = us-east-1
`;

describe('SDK clients never read the shared config files themselves', () => {
  it('a client made before the config is replaced with one the SDK refuses still calls STS with our settings', async () => {
    const { home } = awsHome({
      config: '[profile keys]\nregion = us-east-1\n',
      credentials: ALL_KINDS_CREDENTIALS,
      endpointUrl: endpoint.url,
    });
    const clients = new AwsClientFactory({ connectionTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxAttempts: 1 });
    const sts = clients.sts('keys', 'us-east-1');
    writeFileSync(join(home, '.aws', 'config'), POISON);
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe('123456789012');
    sts.destroy();
  });

  it('the credential_process of a source_profile runs in our bounded runner (capped output, its own message)', async () => {
    awsHome({
      config:
        '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Audit\nsource_profile = chatty\n\n' +
        `[profile chatty]\ncredential_process = sh -c "head -c 2097152 /dev/zero | tr '\\\\0' a"\n`,
      credentials: '',
      endpointUrl: endpoint.url,
    });
    const clients = new AwsClientFactory({ connectionTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxAttempts: 1 });
    const error = await clients
      .credentials('role')()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message:
        'The credential_process command of profile "chatty" printed more than 1048576 bytes, so it was stopped: a credential_process prints one small JSON object (a few hundred bytes).',
    });
  });
});
