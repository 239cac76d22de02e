import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHROMIUM_ARGS, chromiumLookup } from '../../ui/harness/chromium';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { signedInAwsHomeEnvironment } from '../../fixtures/signed-in-aws-home';
import { playwrightCapture, type PlaywrightCapture } from '../../../main/sandbox/playwright-capture';
import { startStandInConsole, type StandInConsole } from '../../../main/sandbox/stand-in-console/server';
import { createTestWorkspace } from '../helpers/services';
import { leakedSecrets } from '../../fixtures/secret-scan';

let aws: AwsEndpoint;
let standIn: StandInConsole;
let browser: Browser;

const browserLookup = chromiumLookup();
if (!browserLookup.found) console.warn(`Skipping the capture flow in Chromium: ${browserLookup.reason}`);

beforeAll(async () => {
  if (!browserLookup.found) return;
  aws = await startAwsEndpoint({ scenario: 'basic' });
  standIn = await startStandInConsole(aws);
  browser = await chromium.launch({ executablePath: browserLookup.executablePath, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await standIn?.close();
  await aws?.close();
});
afterEach(() => vi.unstubAllEnvs());

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

async function setup(
  options: {
    token?: string;
    profile?: string;
    now?: () => Date;
    capture?: Parameters<typeof playwrightCapture>[2];
  } = {},
) {
  for (const [k, v] of Object.entries(
    signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-capture-home-')), aws.url, options.token),
  ))
    vi.stubEnv(k, v);
  const capture: PlaywrightCapture = playwrightCapture(browser, undefined, options.capture);
  const ctx = await createTestWorkspace({
    adapters: { capture } as never,
    aws: { clientSettings: { maxAttempts: 1 } },
    evidence: {
      captureEndpoints: { aws: { signin: standIn.url, console: standIn.url } },
      insecureWebOrigins: [standIn.url],
    },
    ...(options.now ? { now: options.now } : {}),
  });
  await ctx.services.awsWorkspace.setProfile(options.profile ?? 'audit', 'eu-west-1');
  return { ...ctx, capture };
}

describe.skipIf(!browserLookup.found)('guided capture through the federation sign-in, on the stand-in console', () => {
  it('signs in as the workspace profile, captures the whole page with the banner above it, and records its provenance', async () => {
    const { services, capture, folder } = await setup();
    const window = await services.capture.openAws('shot.cloudtrail-trails');
    expect(window.account).toMatchObject({
      accountId: '111122223333',
      accountAlias: 'example-prod',
      profile: 'audit',
      region: 'eu-west-1',
    });
    const page = capture.pages.get(window.windowId)!;
    await expect.poll(() => page.getByTestId('console-identity').textContent()).toContain('AWSReservedSSO_AuditRole');
    expect(new URL(page.url()).pathname).toBe('/cloudtrail/home');
    expect(new URL(page.url()).searchParams.get('region')).toBe('eu-west-1');

    const item = await services.capture.capture(window.windowId);
    expect(item).toMatchObject({
      kind: 'screenshot',
      mediaType: 'image/png',
      controlIds: expect.arrayContaining(['logging-monitoring']),
      source: { type: 'console_capture', url: page.url(), windowSize: { width: 1100, height: 700 } },
      aws: {
        accountId: '111122223333',
        accountAlias: 'example-prod',
        principalArn: expect.stringContaining(':assumed-role/AWSReservedSSO_AuditRole'),
        region: 'eu-west-1',
        profile: 'audit',
      },
      capturedBy: { name: 'Dana Founder', email: 'dana@acme.example' },
      integrity: 'ok',
    });
    expect(item.fileName).toMatch(/^cloudtrail-trails-\d{4}-\d\d-\d\d-\d{6}\.png$/);
    const banner = (item.meta!.banner as string[]).join(' ');
    for (const field of [page.url(), '111122223333', 'example-prod', item.aws!.principalArn, 'Dana Founder'])
      expect(banner).toContain(field);

    // Full content height: taller than the window, and the page's last element is in the image.
    const png = PNG.sync.read(readFileSync(services.workspaces.require().evidence.filePath(item.sha256)));
    const bannerHeight = item.meta!.bannerHeight as number;
    expect(png.height - bannerHeight).toBeGreaterThan(1500);
    const marker = await page.locator('#bottom-marker').boundingBox();
    const y = bannerHeight + Math.round(marker!.y + marker!.height / 2);
    const i = (y * png.width + 40) * 4;
    expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([0xd1, 0x32, 0x12]);

    // Nothing secret reached the workspace: no keys, session tokens or sign-in tokens.
    const secrets = [...aws.secrets(), ...standIn.issuedTokens].filter((s) => s.length > 8);
    const files = filesUnder(folder).map((f): [string, string] => [f, readFileSync(f).toString('latin1')]);
    expect(leakedSecrets(secrets, files)).toEqual([]);
    const activity = await services.evidence.provenance(item.id);
    expect(activity.activity[0]).toMatchObject({ action: 'evidence.captured', actor: { email: 'dana@acme.example' } });
    await services.capture.close(window.windowId);
    expect(services.capture.list()).toEqual([]);
  });

  it('captures all of a page that scrolls inside a window-sized container, not only the window', async () => {
    const { services, capture } = await setup();
    const window = await services.capture.openAws('shot.cloudwatch-alarms');
    const page = capture.pages.get(window.windowId)!;
    await page.goto(`${standIn.url}/inner/cloudwatch/home`);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(700);
    const item = await services.capture.capture(window.windowId);
    const png = PNG.sync.read(readFileSync(services.workspaces.require().evidence.filePath(item.sha256)));
    const bannerHeight = item.meta!.bannerHeight as number;
    expect(png.height - bannerHeight).toBeGreaterThan(1500);
    // The red end-of-page marker is in the image, just above its bottom edge.
    const rows = Array.from({ length: 120 }, (_, k) => png.height - 1 - k);
    const red = rows.some((y) => {
      const i = (y * png.width + 40) * 4;
      return png.data[i] === 0xd1 && png.data[i + 1] === 0x32 && png.data[i + 2] === 0x12;
    });
    expect(red).toBe(true);
    expect(page.viewportSize()).toEqual({ width: 1100, height: 700 });
  });

  it('keeps both captures taken in the same second (one file when the pixels are identical)', async () => {
    const fixed = new Date('2026-11-26T09:00:00.000Z');
    const { services } = await setup({ now: () => fixed });
    const window = await services.capture.openAws('shot.iam-users');
    const a = await services.capture.capture(window.windowId);
    const b = await services.capture.capture(window.windowId);
    expect(a.id).not.toBe(b.id);
    expect(a.capturedAt).toBe(b.capturedAt);
    expect(b.sha256).toBe(a.sha256);
    expect((await services.evidence.list()).map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('scales the banner to a HiDPI page and says so when a very tall page had to be cut', async () => {
    const { services } = await setup({ capture: { deviceScaleFactor: 2, maxHeight: 1000 } });
    const window = await services.capture.openAws('shot.iam-users');
    const item = await services.capture.capture(window.windowId);
    const png = PNG.sync.read(readFileSync(services.workspaces.require().evidence.filePath(item.sha256)));
    expect(png.width).toBe(2200);
    const bannerHeight = item.meta!.bannerHeight as number;
    // Five lines (the four fields and the note) at twice the size: 2 × (2×10 + 5×22 + 3).
    expect(bannerHeight).toBe(2 * (2 * 10 + 5 * 22 + 3));
    expect(png.height - bannerHeight).toBe(2000);
    expect(item.meta!.pageContentHeight).toBeGreaterThan(1500);
    expect((item.meta!.banner as string[]).join(' ')).toMatch(
      /Note: the page is \d+ px tall; only the top part fitted in one capture\./,
    );
  });

  it('opens no window when the SSO session expired, and says how to fix it', async () => {
    const { services, capture } = await setup({ token: 'aoaEXAMPLEEXPIREDACCESSTOKEN' });
    const error = await services.capture.openAws('shot.iam-users').catch((e) => e);
    expect(['SSO_TOKEN_EXPIRED', 'SSO_TOKEN_MISSING']).toContain(error.code);
    expect(error.hint).toMatch(/sign in/i);
    expect(capture.pages.size).toBe(0);
  });

  it('opens no window when AWS refuses the console sign-in (a role without console access)', async () => {
    const { services, capture } = await setup();
    standIn.refuseConsoleAccess(true);
    try {
      const error = await services.capture.openAws('shot.iam-users').catch((e) => e);
      expect(error.code).toBe('SIGNIN_REFUSED');
      expect(error.message).toContain('profile "audit"');
      expect(error.hint).toMatch(/console access/);
      expect(capture.pages.size).toBe(0);
      expect(services.capture.list()).toEqual([]);
    } finally {
      standIn.refuseConsoleAccess(false);
    }
  });

  it("refuses to open the console for an account outside the workspace's chosen accounts, before any sign-in token is asked for", async () => {
    const { services, capture } = await setup();
    await services.awsWorkspace.selectAccounts(['444455556666'], 'audit');
    const requestsBefore = standIn.signinTokenRequests;
    const issuedBefore = standIn.issuedTokens.length;
    const error = await services.capture.openAws('shot.iam-users').catch((e) => e);
    expect(error).toMatchObject({
      code: 'ACCOUNT_OUT_OF_SCOPE',
      message:
        'The profile "audit" reaches account 111122223333, but this workspace covers 444455556666, so its console is not opened for capture.',
      hint: expect.stringContaining('Choose a profile for that account on the AWS screen'),
    });
    expect(standIn.signinTokenRequests).toBe(requestsBefore);
    expect(standIn.issuedTokens.length).toBe(issuedBefore);
    expect(capture.pages.size).toBe(0);
    expect(services.capture.list()).toEqual([]);

    // With the account in scope, the same window opens.
    await services.awsWorkspace.selectAccounts(['444455556666', '111122223333'], 'audit');
    const window = await services.capture.openAws('shot.iam-users');
    expect(window.account?.accountId).toBe('111122223333');
    expect(standIn.signinTokenRequests).toBe(requestsBefore + 1);
    await services.capture.close(window.windowId);
  });

  it('refuses a static-keys profile: the console needs temporary credentials', async () => {
    const { services, capture } = await setup({ profile: 'keys' });
    const error = await services.capture.openAws('shot.iam-users').catch((e) => e);
    expect(error.code).toBe('SIGNIN_REFUSED');
    expect(capture.pages.size).toBe(0);
  });

  it('captures a web tool in its own session with a banner without AWS fields', async () => {
    const { services, capture } = await setup();
    await expect(
      services.capture.openWeb('shot.github-branch-protection', 'http://example.com/'),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const window = await services.capture.openWeb(
      'shot.github-branch-protection',
      `${standIn.url}/tool/acme/platform/settings/branches`,
    );
    const item = await services.capture.capture(window.windowId);
    expect(item.source).toMatchObject({
      type: 'web_capture',
      url: `${standIn.url}/tool/acme/platform/settings/branches`,
    });
    expect(item.aws).toBeUndefined();
    expect(item.meta!.tool).toBe('Source control (GitHub, GitLab, Bitbucket)');
    expect((item.meta!.banner as string[]).join(' ')).not.toMatch(/AWS account|Principal/);
    // A window opened for one workspace never captures into another.
    const other = await services.capture.openWeb('shot.github-branch-protection', `${standIn.url}/tool/x`);
    const before = services.workspaces.require().root;
    await services.workspaces.close();
    await services.workspaces.create({
      folder: `${before}-other`,
      companyName: 'Other',
      systemName: 'Other',
      asOfDate: '2026-12-31',
      categories: ['security'],
      me: { name: 'Dana Founder', email: 'dana@acme.example' },
    });
    await expect(services.capture.capture(other.windowId)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await services.evidence.list()).toEqual([]);
    await services.awsWorkspace.setProfile('audit', 'eu-west-1');
    // The AWS window's policy keeps it on sign-in and console hosts.
    const aws = await services.capture.openAws('shot.iam-users');
    const awsPage = capture.pages.get(aws.windowId)!;
    // A role switch is refused as a form post or fetch from the page, and as a navigation.
    await expect
      .poll(() => awsPage.getByTestId('console-identity').textContent())
      .toContain('AWSReservedSSO_AuditRole');
    const fetched = await awsPage.evaluate(
      (url) =>
        fetch(url, { method: 'POST' }).then(
          () => 'sent',
          () => 'refused',
        ),
      `${standIn.url}/switchrole`,
    );
    expect(fetched).toBe('refused');
    const switchRole = `${standIn.url}/switchrole?roleName=Admin&account=444455556666`;
    await awsPage.goto(switchRole).catch(() => undefined);
    expect(capture.blocked).toContain(switchRole);
    await awsPage.goto('http://localhost:9/elsewhere').catch(() => undefined);
    expect(capture.blocked).toContain('http://localhost:9/elsewhere');
  });
});
