import { describe, expect, it } from 'vitest';
import { mapAwsError } from '../../../main/services/aws/errors';
import { AppError } from '../../../shared/ipc/result';

const sdkError = (name: string, message = '', extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1' }, ...extra });
const credentialsError = (message: string) => Object.assign(new Error(message), { name: 'CredentialsProviderError' });

describe('mapAwsError', () => {
  it.each([
    [sdkError('Throttling', 'Rate exceeded'), 'THROTTLED'],
    [sdkError('SomethingNew', 'x', { $metadata: { httpStatusCode: 429 } }), 'THROTTLED'],
    [sdkError('AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/R/u is not authorized to perform: iam:GetCredentialReport on resource: *'), 'ACCESS_DENIED'],
    [sdkError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'), 'CLOCK_SKEW'],
    [sdkError('InvalidSignatureException', 'Signature expired: 20261126T000000Z is now earlier than 20261126T001000Z'), 'CLOCK_SKEW'],
    [sdkError('TimeoutError', 'Connection timed out after 10000 ms'), 'TIMEOUT'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'NETWORK'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND sts.amazonaws.com'), { code: 'ENOTFOUND' }), 'NETWORK'],
    [sdkError('AbortError', 'aborted'), 'CANCELLED'],
    [sdkError('UnauthorizedException', 'Session token not found or invalid'), 'SSO_TOKEN_EXPIRED'],
    [credentialsError('The SSO session token associated with profile=audit was not found or is invalid. To refresh this SSO session run \'aws sso login\' with the corresponding profile.'), 'SSO_TOKEN_MISSING'],
    [credentialsError('Token is expired. To refresh this SSO session run \'aws sso login\' with the corresponding profile.'), 'SSO_TOKEN_EXPIRED'],
    [credentialsError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.'), 'SSO_TOKEN_EXPIRED'],
    [credentialsError('Profile audit was not found.'), 'PROFILE_NOT_FOUND'],
    [credentialsError('Sso session \'corp\' could not be found in shared credentials file.'), 'PROFILE_INVALID'],
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
    const fromMessage = mapAwsError(sdkError('AccessDenied', 'User: x is not authorized to perform: iam:GetCredentialReport on resource: *'));
    expect(fromMessage.message).toBe('Your AWS identity is not allowed to call iam:GetCredentialReport.');
    expect(fromMessage.details).toMatchObject({ missingPermission: 'iam:GetCredentialReport', requestId: 'req-1' });
    const fromContext = mapAwsError(sdkError('AccessDeniedException', 'Forbidden'), { action: 'guardduty:ListDetectors' });
    expect(fromContext.hint).toContain('guardduty:ListDetectors');
  });

  it('keeps AppErrors as they are', () => {
    const e = new AppError('NO_WORKSPACE', 'x');
    expect(mapAwsError(e)).toBe(e);
  });

  it('tells static-key profiles to refresh keys, SSO profiles to sign in again', () => {
    expect(mapAwsError(sdkError('ExpiredToken', 'expired'), { sso: false }).code).toBe('CREDENTIALS_EXPIRED');
    expect(mapAwsError(sdkError('ExpiredToken', 'expired'), { sso: true, profile: 'audit' })).toMatchObject({ code: 'SSO_TOKEN_EXPIRED', hint: expect.stringContaining('aws sso login --profile audit') });
  });
});
