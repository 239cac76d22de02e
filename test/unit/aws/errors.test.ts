import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { credentialProcessSaid, mapAwsError } from '../../../main/services/aws/errors';
import { startUrlRejected } from '../../../main/services/aws/sso-flow';
import { AppError } from '../../../shared/ipc/result';

const sdkError = (name: string, message = '', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1' }, ...extra });
const credentialsError = (message: string) => Object.assign(new Error(message), { name: 'CredentialsProviderError' });

describe('mapAwsError', () => {
  it.each([
    [sdkError('Throttling', 'Rate exceeded'), 'THROTTLED'],
    [sdkError('SomethingNew', 'x', { $metadata: { httpStatusCode: 429 } }), 'THROTTLED'],
    [
      sdkError(
        'AccessDenied',
        'User: arn:aws:sts::111122223333:assumed-role/R/u is not authorized to perform: iam:GetCredentialReport on resource: *',
      ),
      'ACCESS_DENIED',
    ],
    [
      sdkError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'),
      'CLOCK_SKEW',
    ],
    [
      sdkError('InvalidSignatureException', 'Signature expired: 20261126T000000Z is now earlier than 20261126T001000Z'),
      'CLOCK_SKEW',
    ],
    [sdkError('TimeoutError', 'Connection timed out after 10000 ms'), 'TIMEOUT'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'NETWORK'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND sts.amazonaws.com'), { code: 'ENOTFOUND' }), 'NETWORK'],
    [sdkError('AbortError', 'aborted'), 'CANCELLED'],
    [sdkError('UnauthorizedException', 'Session token not found or invalid'), 'SSO_TOKEN_EXPIRED'],
    [
      credentialsError(
        "The SSO session token associated with profile=audit was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      ),
      'SSO_TOKEN_MISSING',
    ],
    [
      credentialsError(
        "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      ),
      'SSO_TOKEN_EXPIRED',
    ],
    [
      credentialsError(
        'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      'SSO_TOKEN_EXPIRED',
    ],
    [credentialsError('Profile audit was not found.'), 'PROFILE_NOT_FOUND'],
    [credentialsError("Sso session 'corp' could not be found in shared credentials file."), 'PROFILE_INVALID'],
    [credentialsError('Could not load credentials from any providers'), 'CREDENTIALS_MISSING'],
    [sdkError('InternalFailure', 'boom'), 'AWS_ERROR'],
  ])('%s → %s', (error, code) => {
    const mapped = mapAwsError(error, { profile: 'audit', sso: true });
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe(code);
    expect(mapped.message.length).toBeGreaterThan(5);
    expect(JSON.stringify(mapped.toData())).not.toMatch(/\n\s+at /);
  });

  it('names the missing permission, from the message or the call', () => {
    const fromMessage = mapAwsError(
      sdkError('AccessDenied', 'User: x is not authorized to perform: iam:GetCredentialReport on resource: *'),
    );
    expect(fromMessage.message).toBe('Your AWS identity is not allowed to call iam:GetCredentialReport.');
    expect(fromMessage.details).toMatchObject({ missingPermission: 'iam:GetCredentialReport', requestId: 'req-1' });
    const fromContext = mapAwsError(sdkError('AccessDeniedException', 'Forbidden'), {
      action: 'guardduty:ListDetectors',
    });
    expect(fromContext.hint).toContain('guardduty:ListDetectors');
  });

  it('keeps AppErrors as they are', () => {
    const e = new AppError('NO_WORKSPACE', 'x');
    expect(mapAwsError(e)).toBe(e);
  });

  it('tells static-key profiles to refresh keys, SSO profiles to sign in again', () => {
    expect(mapAwsError(sdkError('ExpiredToken', 'expired'), { sso: false }).code).toBe('CREDENTIALS_EXPIRED');
    expect(mapAwsError(sdkError('ExpiredToken', 'expired'), { sso: true, profile: 'audit' })).toMatchObject({
      code: 'SSO_TOKEN_EXPIRED',
      hint: expect.stringContaining('aws sso login --profile audit'),
    });
  });

  it('keeps the command line of a failing credential_process out of the message and the details', () => {
    const command = 'my-helper --api-key=supersecret123 --profile prod';
    const mapped = mapAwsError(credentialsError(`Command failed: ${command}\nmy-helper: not signed in\n`), {
      profile: 'proc',
    });
    expect(mapped).toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message: 'The credential_process command of profile "proc" failed: my-helper: not signed in',
      details: { profile: 'proc' },
    });
    expect(JSON.stringify(mapped.toData())).not.toContain('supersecret123');
    // A stderr line that could pass for another failure is still this one, without the command.
    const echoed = mapAwsError(credentialsError(`Command failed: ${command}\nprofile prod was not found.`), {
      profile: 'proc',
    });
    expect(echoed.code).toBe('CREDENTIALS_MISSING');
    expect(JSON.stringify(echoed.toData())).not.toContain('supersecret123');
    expect(mapAwsError(credentialsError(`Command failed: ${command}\n`), { profile: 'proc' }).message).toBe(
      'The credential_process command of profile "proc" failed.',
    );
  });
});

describe('AWS and SDK messages in details are redacted', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENxyz0123456789';
  const leaks = (data: unknown) =>
    [SECRET, TOKEN, 'AKIAIOSFODNN7EXAMPLE', 'aoaEXAMPLE'].filter((s) => JSON.stringify(data).includes(s));

  it('an endpoint error that echoes the session token and key id: awsMessage keeps the words, not the values', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>InternalFailure</Code><Message>Bad X-Amz-Security-Token ${TOKEN} for AKIAIOSFODNN7EXAMPLE secret=${SECRET}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN },
        maxAttempts: 1,
      });
      const error = await sts.send(new GetCallerIdentityCommand({})).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).toContain(TOKEN);
      const mapped = mapAwsError(error, { profile: 'keys' });
      expect(mapped.code).toBe('AWS_ERROR');
      expect(mapped.details?.awsMessage).toBe('Bad X-Amz-Security-Token [redacted] for [redacted] secret=[redacted]');
      expect(leaks(mapped.toData())).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('the reason of a credentials provider error, and a start URL IAM Identity Center refuses', () => {
    const provider = mapAwsError(
      credentialsError(
        `Could not load credentials from any providers (session ${TOKEN}, Bearer aoaEXAMPLEVALIDACCESSTOKEN rejected)`,
      ),
      { profile: 'p' },
    );
    expect(provider.details?.reason).toBe(
      'Could not load credentials from any providers (session [redacted], Bearer [redacted] rejected)',
    );
    expect(leaks(provider.toData())).toEqual([]);
    const target = {
      profile: 'audit',
      kind: 'sso' as const,
      startUrl: 'https://d-9067example.awsapps.com/start',
      region: 'us-east-1',
      scopes: [],
      cacheId: 'audit',
    };
    let rejected: unknown;
    try {
      startUrlRejected(target)(
        Object.assign(new Error(`Invalid clientSecret ${TOKEN} for access token aoaEXAMPLEVALIDACCESSTOKEN`), {
          name: 'InvalidRequestException',
        }),
      );
    } catch (e) {
      rejected = e;
    }
    expect(rejected).toMatchObject({
      code: 'PROFILE_INVALID',
      details: { awsMessage: expect.stringContaining('Invalid clientSecret [redacted]') },
    });
    expect(leaks((rejected as AppError).toData())).toEqual([]);
  });

  it('keeps AWS messages of at most 300 characters', () => {
    const mapped = mapAwsError(sdkError('InternalFailure', 'word '.repeat(100)));
    expect((mapped.details?.awsMessage as string).length).toBe(300);
  });
});

describe('what a failing credential_process said, made safe to show', () => {
  const said = (stderr: string, command = 'helper --api-key=supersecret123') =>
    credentialProcessSaid(`Command failed: ${command}\n${stderr}`);

  it.each([
    ['error: could not reach helper --api-key=supersecret123', 'error: could not reach [redacted]'],
    ['unknown option --api-key=supersecret123', 'unknown option --api-key=[redacted]'],
    ['login with --token abc.def and retry', 'login with --token [redacted] and retry'],
    [
      'token=abc123, secret: "two words", password=hunter2; passwd=x',
      'token=[redacted], secret: [redacted], password=[redacted]; passwd=[redacted]',
    ],
    ['key AKIAIOSFODNN7EXAMPLE / ASIAIOSFODNN7EXAMPLE is inactive', 'key [redacted] / [redacted] is inactive'],
    ['session wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY rejected', 'session [redacted] rejected'],
    ['digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 mismatch', 'digest [redacted] mismatch'],
    ['Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig failed', 'Authorization: [redacted] [redacted] failed'],
    ['cannot reach https://user:pw@idp.example.com/token', 'cannot reach https://[redacted]@idp.example.com/token'],
    [
      'you-are-not-signed-in-to-the-company-vault: run vault login',
      'you-are-not-signed-in-to-the-company-vault: run vault login',
    ],
  ])('%s', (stderr, shown) => {
    expect(said(stderr)).toBe(shown);
  });

  it('shows the last stderr line only, at most 160 characters, or nothing', () => {
    expect(said('first\n  second  \n\n')).toBe('second');
    expect(said(`${'word '.repeat(60)}`)?.length).toBe(160);
    expect(said('')).toBeUndefined();
  });
});
