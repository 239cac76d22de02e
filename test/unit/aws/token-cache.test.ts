import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cacheWriteError,
  cliTimestamp,
  readTokenCache,
  tokenStatus,
  writeTokenCache,
} from '../../../main/services/aws/token-cache';
import { awsHome } from './aws-home';

afterEach(() => vi.unstubAllEnvs());

const NOW = new Date('2026-11-26T12:00:00Z');
const file = (cacheDir: string, id: string) => join(cacheDir, `${createHash('sha1').update(id).digest('hex')}.json`);

describe('the AWS CLI SSO token cache', () => {
  it('is written where the CLI looks (sha1 of the id, under HOME), mode 0600, directory created', async () => {
    const { cacheDir } = awsHome({});
    const token = {
      startUrl: 'https://d-9067example.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'aoaX',
      expiresAt: cliTimestamp(new Date('2026-11-26T20:00:00.123Z')),
    };
    const path = await writeTokenCache('corp', token);
    expect(path).toBe(file(cacheDir, 'corp'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ...token, expiresAt: '2026-11-26T20:00:00Z' });
    expect(await readTokenCache('corp')).toEqual({ ...token, expiresAt: '2026-11-26T20:00:00Z' });
  });

  it('reports valid, expired (refreshable or not), missing and unreadable', async () => {
    const { cacheDir } = awsHome({});
    mkdirSync(cacheDir, { recursive: true });
    expect(await tokenStatus('none', NOW)).toEqual({ status: 'missing' });
    writeFileSync(file(cacheDir, 'valid'), JSON.stringify({ accessToken: 'a', expiresAt: '2026-11-26T13:00:00Z' }));
    expect(await tokenStatus('valid', NOW)).toEqual({ status: 'valid', expiresAt: '2026-11-26T13:00:00Z' });
    // The CLI has written `+00:00` offsets in some versions; the status normalises them.
    writeFileSync(
      file(cacheDir, 'offset'),
      JSON.stringify({ accessToken: 'a', expiresAt: '2026-11-26T11:00:00+00:00' }),
    );
    expect(await tokenStatus('offset', NOW)).toEqual({
      status: 'expired',
      expiresAt: '2026-11-26T11:00:00Z',
      refreshable: false,
    });
    writeFileSync(
      file(cacheDir, 'refresh'),
      JSON.stringify({
        accessToken: 'a',
        expiresAt: '2026-11-26T11:00:00Z',
        refreshToken: 'r',
        clientId: 'c',
        clientSecret: 's',
        registrationExpiresAt: '2027-01-01T00:00:00Z',
      }),
    );
    expect(await tokenStatus('refresh', NOW)).toMatchObject({ status: 'expired', refreshable: true });
    writeFileSync(
      file(cacheDir, 'oldreg'),
      JSON.stringify({
        accessToken: 'a',
        expiresAt: '2026-11-26T11:00:00Z',
        refreshToken: 'r',
        clientId: 'c',
        clientSecret: 's',
        registrationExpiresAt: '2026-01-01T00:00:00Z',
      }),
    );
    expect(await tokenStatus('oldreg', NOW)).toMatchObject({ status: 'expired', refreshable: false });
    writeFileSync(file(cacheDir, 'broken'), '{"accessToken": "a", ');
    expect(await tokenStatus('broken', NOW)).toEqual({ status: 'unreadable' });
    writeFileSync(file(cacheDir, 'nofields'), '{}');
    expect(await tokenStatus('nofields', NOW)).toEqual({ status: 'unreadable' });
  });

  it('leaves no temporary file with the tokens behind when the save fails (a folder where the cache file goes)', async () => {
    const { cacheDir } = awsHome({});
    mkdirSync(file(cacheDir, 'blocked'), { recursive: true });
    const token = {
      startUrl: 'https://d-9067example.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'aoaEXAMPLESECRETACCESS',
      expiresAt: '2099-01-01T00:00:00Z',
      refreshToken: 'aorEXAMPLESECRETREFRESH',
      clientSecret: 'EXAMPLESECRETCLIENT',
    };
    const error = await writeTokenCache('blocked', token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    const mapped = cacheWriteError('blocked', error);
    expect(mapped).toMatchObject({
      code: 'TOKEN_CACHE_UNWRITABLE',
      message: expect.stringContaining(`${file(cacheDir, 'blocked')} is a folder where the session file should be`),
    });
    expect(mapped.message).not.toContain('.tmp');
    expect(JSON.stringify(mapped.toData())).not.toMatch(/EXAMPLESECRET/);
    expect(readdirSync(cacheDir)).toEqual([file(cacheDir, 'blocked').slice(cacheDir.length + 1)]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
