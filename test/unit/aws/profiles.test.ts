import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProfileService } from '../../../main/services/aws/profiles';
import { writeTokenCache } from '../../../main/services/aws/token-cache';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL, awsHome } from './aws-home';

afterEach(() => vi.unstubAllEnvs());

const byName = async () => Object.fromEntries((await new ProfileService().list()).profiles.map((p) => [p.name, p]));

describe('profiles: one of each kind', () => {
  it('reads every kind with its account, role and session settings', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS });
    const p = await byName();
    expect(Object.keys(p)).toEqual(['audit', 'default', 'keys', 'legacy', 'proc', 'role']);
    expect(p.audit).toMatchObject({
      kind: 'sso',
      accountId: '111122223333',
      roleName: 'AuditRole',
      region: 'eu-west-1',
      ssoSession: 'corp',
      ssoStartUrl: START_URL,
      ssoRegion: 'us-east-1',
      files: ['config'],
      problems: [],
    });
    expect(p.legacy).toMatchObject({
      kind: 'sso-legacy',
      accountId: '444455556666',
      ssoStartUrl: START_URL,
      problems: [],
    });
    expect(p.keys).toMatchObject({ kind: 'static', files: ['credentials'], problems: [] });
    expect(p.role).toMatchObject({
      kind: 'assume-role',
      accountId: '123456789012',
      roleName: 'AuditReadOnly',
      sourceProfile: 'keys',
      problems: [],
    });
    expect(p.proc).toMatchObject({ kind: 'credential-process', problems: [] });
    expect(p.default).toMatchObject({ kind: 'none', region: 'eu-west-1' });
    expect(p.default!.problems.map((x) => x.severity)).toEqual(['warning']);
    // Key material never appears in what the list returns.
    expect(JSON.stringify(p)).not.toContain('wJalrXUtnFEMI');
  });

  it('reports SSO session status from the CLI token cache: missing, valid until, expired', async () => {
    awsHome({ config: ALL_KINDS_CONFIG });
    let p = await byName();
    expect(p.audit!.session).toEqual({ status: 'missing' });
    expect(p.legacy!.session).toEqual({ status: 'missing' });
    await writeTokenCache('corp', {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: 'aoaX',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    await writeTokenCache(START_URL, {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: 'aoaY',
      expiresAt: '2020-01-01T00:00:00Z',
      refreshToken: 'aorY',
      clientId: 'c',
      clientSecret: 's',
      registrationExpiresAt: '2099-01-01T00:00:00Z',
    });
    p = await byName();
    expect(p.audit!.session).toEqual({ status: 'valid', expiresAt: '2099-01-01T00:00:00Z' });
    // Legacy sessions cannot be refreshed, whatever the cache holds.
    expect(p.legacy!.session).toEqual({ status: 'expired', expiresAt: '2020-01-01T00:00:00Z', refreshable: false });
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const { home } = awsHome({ config: '[profile ignored]\nregion = us-east-1\n' });
    mkdirSync(join(home, 'elsewhere'));
    writeFileSync(join(home, 'elsewhere', 'cfg'), '[profile moved]\ncredential_process = x\n');
    writeFileSync(
      join(home, 'elsewhere', 'creds'),
      '[movedkeys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n',
    );
    vi.stubEnv('AWS_CONFIG_FILE', join(home, 'elsewhere', 'cfg'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'elsewhere', 'creds'));
    const list = await new ProfileService().list();
    expect(list.profiles.map((x) => x.name)).toEqual(['moved', 'movedkeys']);
    expect(list.files.map((f) => [f.kind, f.path, f.exists])).toEqual([
      ['config', join(home, 'elsewhere', 'cfg'), true],
      ['credentials', join(home, 'elsewhere', 'creds'), true],
    ]);
  });

  it('reads CRLF files, comments and unicode names in the credentials file', async () => {
    awsHome({
      config: ALL_KINDS_CONFIG.replace(/\n/g, '\r\n'),
      credentials:
        '; keys\r\n[équipe-ü]\r\n# inline\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = s\r\n',
    });
    const p = await byName();
    expect(p.audit).toMatchObject({ kind: 'sso', region: 'eu-west-1', problems: [] });
    expect(p['équipe-ü']).toMatchObject({ kind: 'static', problems: [] });
  });

  it('reads services sections with nested endpoint settings without inventing problems', async () => {
    awsHome({
      config:
        '[profile local]\ncredential_process = x\nservices = emulator\n\n[services emulator]\niam =\n  endpoint_url = http://127.0.0.1:4566\nsts =\n  endpoint_url = http://127.0.0.1:4566\n',
    });
    const list = await new ProfileService().list();
    expect(list.profiles).toEqual([
      expect.objectContaining({ name: 'local', kind: 'credential-process', problems: [] }),
    ]);
    expect(list.files.flatMap((f) => f.problems)).toEqual([]);
  });

  it('says when there are no files at all', async () => {
    awsHome({});
    const list = await new ProfileService().list();
    expect(list.profiles).toEqual([]);
    expect(list.files.every((f) => !f.exists)).toBe(true);
  });
});

describe('profiles: malformed files', () => {
  const BROKEN = [
    '[profile broken', // 1: no closing bracket
    'region = us-east-1', // 2: lands in no section
    '[profile noregion]', // 3
    `sso_start_url = ${START_URL}`,
    'sso_account_id = 111122223333',
    'sso_role_name = AuditRole', // 6
    '[profile dangling]', // 7
    'sso_session = nowhere',
    'sso_account_id = 111122223333',
    'sso_role_name = AuditRole', // 10
    '[profile dup]', // 11
    'credential_process = a',
    '[profile dup]', // 13
    'credential_process = b',
    '[profile café]', // 15
    'credential_process = c',
    '[plain]', // 17
    'credential_process = d',
    '[profile halfkeys]', // 19
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'just some words', // 21
    '[profile badrole]', // 22
    'role_arn = arn:aws:iam::123456789012:role/R',
    'source_profile = ghost',
    '[profile good]', // 25
    'credential_process = ok',
    '',
  ].join('\n');

  it('gives each affected profile a precise problem and keeps the others working', async () => {
    awsHome({ config: BROKEN });
    const list = await new ProfileService().list();
    const p = Object.fromEntries(list.profiles.map((x) => [x.name, x]));
    const msgs = (n: string) =>
      p[n]!.problems.map((x) => `${x.severity}${x.line ? `@${x.line}` : ''}: ${x.message}`).join('\n');

    expect(list.files[0]!.problems).toEqual([
      expect.objectContaining({ line: 1, severity: 'error', message: expect.stringContaining('no closing "]"') }),
      expect.objectContaining({
        line: 2,
        severity: 'warning',
        message: expect.stringContaining('outside any [section]'),
      }),
    ]);
    expect(msgs('noregion')).toMatch(/^error@3: This SSO profile has no sso_region\./);
    expect(msgs('dangling')).toMatch(/^error@8: sso_session = nowhere/);
    expect(msgs('badrole')).toMatch(/error@24: source_profile = ghost/);
    expect(msgs('dangling')).toContain('sso_session = nowhere names no [sso-session nowhere] section');
    expect(p.dup!.problems).toHaveLength(2);
    expect(msgs('dup')).toMatch(/warning@11: "dup" is defined more than once in the config file \(lines 11 and 13\)/);
    expect(p.dup!.kind).toBe('credential-process');
    expect(p['café']).toMatchObject({ kind: 'none', files: [] });
    expect(msgs('café')).toMatch(/error@15: The AWS SDK ignores \[profile café\]/);
    expect(p.plain).toMatchObject({ kind: 'none' });
    expect(msgs('plain')).toContain('profiles are written [profile plain]');
    expect(msgs('halfkeys')).toContain('aws_secret_access_key is missing');
    expect(msgs('halfkeys')).toContain(
      'warning@21: Line 21: expected "name = value", so the AWS SDK ignores the line.',
    );
    expect(msgs('halfkeys')).not.toContain('just some words');
    expect(msgs('badrole')).toContain('source_profile = ghost names no profile');
    expect(p.good).toMatchObject({ kind: 'credential-process', problems: [] });
    // Every profile says whether it can be used: an error makes it invalid, whatever its kind.
    expect(Object.fromEntries(Object.values(p).map((x) => [x.name, x.status]))).toEqual({
      noregion: 'invalid',
      dangling: 'invalid',
      dup: 'usable',
      café: 'invalid',
      plain: 'invalid',
      halfkeys: 'invalid',
      badrole: 'invalid',
      good: 'usable',
    });
  });

  it('flags a byte-order mark, settings outside sections, and keys set twice', async () => {
    awsHome({
      config: '\uFEFF[profile first]\ncredential_process = a\n',
      credentials:
        'aws_access_key_id = x\n[k]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = a\naws_secret_access_key = b\n',
    });
    const list = await new ProfileService().list();
    expect(list.files[0]!.problems[0]).toMatchObject({
      severity: 'warning',
      line: 1,
      message: expect.stringContaining('byte-order mark'),
    });
    expect(list.files[1]!.problems[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('outside any [section]'),
    });
    const k = list.profiles.find((x) => x.name === 'k')!;
    expect(k.problems[0]).toMatchObject({
      file: 'credentials',
      line: 5,
      message: expect.stringContaining('set 2 times (lines 4, 5)'),
    });
  });

  it('never quotes a malformed line of the credentials file: names the line, the setting when recognisable, and what is wrong', async () => {
    const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENxyz0123456789';
    awsHome({
      config: '[profile dev]\nregion = us-east-1\n',
      credentials: [
        'aws_secret_access_key = ' + SECRET, // 1: outside any section
        '[dev]', // 2
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        `aws_secret_access_key: ${SECRET}`, // 4: colon instead of "="
        'aws_session_token', // 5: the token wrapped onto the next line
        TOKEN, // 6
        `${SECRET} ${TOKEN}`, // 7
        `[${SECRET}`, // 8: a header without "]"
        `${TOKEN}=x`, // 9, 10: a "setting" named by a token, set twice
        `${TOKEN}=y`,
        '',
      ].join('\n'),
    });
    const list = await new ProfileService().list();
    const all = JSON.stringify(list);
    for (const secret of [SECRET, TOKEN, 'wJalr', 'IQoJ', 'K7MDENG', 'AKIAIOSFODNN7EXAMPLE'])
      expect(all).not.toContain(secret);
    const dev = list.profiles.find((x) => x.name === 'dev')!;
    const byLine = Object.fromEntries(
      [...dev.problems, ...list.files[1]!.problems]
        .filter((x) => x.file === 'credentials')
        .map((x) => [x.line, x.message]),
    );
    expect(byLine[1]).toMatch(/^Line 1: the setting aws_secret_access_key is outside any \[section\]/);
    expect(byLine[4]).toBe(
      'Line 4: expected "name = value", but aws_secret_access_key is followed by ":". Replace the ":" with "="; until then the AWS SDK ignores the line.',
    );
    expect(byLine[5]).toMatch(/^Line 5: expected "name = value", but aws_session_token has no "=" and no value\./);
    expect(byLine[6]).toMatch(
      /^Line 6: expected "name = value", so the AWS SDK ignores the line\. If it continues the value on the line above/,
    );
    expect(byLine[7]).toMatch(/^Line 7: expected "name = value"/);
    expect(byLine[8]).toMatch(/^Line 8: the section header has no closing "\]"/);
    expect(byLine[10]).toMatch(/^A setting is set 2 times \(lines 9, 10\)/);
  });

  it('explains a file the SDK refuses outright instead of failing without a word', async () => {
    awsHome({ config: '[profile ok]\ncredential_process = x\n[profile __proto__]\nregion = us-east-1\n' });
    const list = await new ProfileService().list();
    expect(list.profiles).toEqual([]);
    expect(list.files[0]!.problems[0]).toMatchObject({
      severity: 'error',
      line: 3,
      message: expect.stringContaining('rejects the whole config file'),
    });
  });

  it('names the profile or the file when a section header makes a profile vanish', async () => {
    awsHome({
      config: '[profile bar]\nregion = eu-west-1\n[foo bar]\nregion = us-east-1\n',
      credentials:
        '[profile bar]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n[profile lost]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[sso-session corp]\nsso_region = us-east-1\n',
    });
    const list = await new ProfileService().list();
    const p = Object.fromEntries(list.profiles.map((x) => [x.name, x]));
    // [profile bar] in credentials: profile bar (defined in config) shows why its keys are not used.
    expect(p.bar!.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        file: 'credentials',
        line: 1,
        message: expect.stringContaining('write [bar], not [profile bar]'),
      }),
    );
    // A profile that exists only through the misnamed section still appears, with the problem.
    expect(p.lost).toMatchObject({
      kind: 'none',
      problems: [
        expect.objectContaining({ file: 'credentials', line: 4, message: expect.stringContaining('write [lost]') }),
      ],
    });
    expect(list.files[0]!.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'config',
        line: 3,
        message: expect.stringContaining('[foo bar] is not a profile'),
      }),
    ]);
    expect(list.files[1]!.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'credentials',
        line: 6,
        message: expect.stringContaining('belongs in the config file'),
      }),
    ]);
  });

  it('flags a sso-session without sso_region and profile settings that conflict with it', async () => {
    awsHome({
      config: `[profile a]\nsso_session = s\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = R\n[sso-session s]\nsso_start_url = ${START_URL}\n`,
    });
    const a = (await new ProfileService().list()).profiles[0]!;
    expect(a.problems.map((x) => x.message)).toEqual([
      'The [sso-session s] section has no sso_region. Add sso_region = ….',
    ]);
    expect(a.problems[0]).toMatchObject({ file: 'config', line: 6 });
  });
});
