import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { controlsForCheck } from '../../../shared/catalog';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import { Manifest } from '../../../shared/domain/manifest';
import { computeReadiness } from '../../../shared/rules/readiness';
import { controlsInScope } from '../../../shared/rules/coverage';
import { verifyBundle } from '../../../main/services/export/verify';
import { createTestWorkspace, DANA } from '../helpers/services';
import { finding } from './scenario';

const PRODUCTION = '111122223333';
const STAGING = '123456789012';
const CONTROL = controlsForCheck('iam.root-mfa')[0]!.id;

const run = (cmd: string, args: string[], cwd?: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

/**
 * The user's case: iam.root-mfa collected from two accounts (Fail in 111122223333, Pass in
 * 123456789012, the Pass collected later), then only 111122223333 chosen as the scope.
 */
async function twoAccountWorkspace(scope: string[]) {
  const ctx = await createTestWorkspace();
  const ws = ctx.services.workspaces.require();
  const add = (accountId: string, result: 'pass' | 'fail', at: string): Promise<EvidenceRecord> =>
    ws.evidence.addBytes(JSON.stringify({ ...finding('iam.root-mfa', result), accountId }, null, 2), {
      title: `Findings: root user has MFA (${accountId})`,
      kind: 'findings',
      mediaType: 'application/json',
      fileName: `iam-root-mfa-${accountId}.json`,
      controlIds: [CONTROL],
      checkId: 'iam.root-mfa',
      runId: 'run_twoaccounts',
      source: { type: 'derived', from: [], rule: 'iam.root-mfa' },
      aws: {
        accountId,
        principalArn: `arn:aws:sts::${accountId}:assumed-role/AuditRole/dana`,
        region: 'us-east-1',
      },
      capturedAt: at,
      effectiveDate: at.slice(0, 10),
      capturedBy: DANA,
    });
  const fail = await add(PRODUCTION, 'fail', '2026-12-20T10:00:00.000Z');
  const pass = await add(STAGING, 'pass', '2026-12-20T10:05:00.000Z');
  await ws.change('meta', (m) => ({ ...m, aws: { ...m.aws, accountIds: scope } }), {
    action: 'aws.accounts-selected',
    summary: `AWS accounts in scope: ${scope.join(', ')}`,
  });
  return { ...ctx, fail, pass };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('scope decides what ships: a finding counts only for its account, while that account is in scope', () => {
  it('the control page and the dashboard show the Fail of the account in scope; the Pass is listed apart', async () => {
    const { services, fail, pass } = await twoAccountWorkspace([PRODUCTION]);
    close = () => services.workspaces.close();
    const view = await services.checks.latestForControl(CONTROL);
    expect(view.accountsInScope).toEqual([PRODUCTION]);
    const rootMfa = view.checks.find((c) => c.checkId === 'iam.root-mfa')!;
    expect(rootMfa.latest.map((l) => [l.account?.id, l.finding?.result])).toEqual([[PRODUCTION, 'fail']]);
    expect(rootMfa.latest[0]!.evidence.map((e) => e.id)).toEqual([fail.id]);
    expect(rootMfa.outOfScope.map((l) => [l.account?.id, l.finding?.result])).toEqual([[STAGING, 'pass']]);

    const latest = await services.checks.latest();
    expect(latest.map((l) => [l.checkId, l.account?.id])).toEqual([['iam.root-mfa', PRODUCTION]]);
    // The dashboard's readiness is computed from that list: the Fail blocks, naming its account.
    const readiness = computeReadiness({
      controls: controlsInScope(['security']),
      states: {},
      members: [],
      meId: null,
      today: '2026-12-21',
      categories: ['security'],
      checkResults: latest.map((l) => ({
        checkId: l.checkId,
        accountId: l.account!.id,
        result: l.finding!.result,
        summary: l.finding!.summary,
        collectedAt: l.collectedAt,
      })),
    });
    const blockers = readiness.blockers.filter((b) => b.kind === 'check_failing');
    expect(blockers.map((b) => b.reason)).toEqual([
      expect.stringContaining(`iam.root-mfa fails in AWS account ${PRODUCTION}`),
    ]);
    expect(pass.id).not.toBe(fail.id);
  });

  it('with both accounts in scope, each account has its own result', async () => {
    const { services } = await twoAccountWorkspace([PRODUCTION, STAGING]);
    close = () => services.workspaces.close();
    const rootMfa = (await services.checks.latestForControl(CONTROL)).checks.find((c) => c.checkId === 'iam.root-mfa')!;
    expect(rootMfa.latest.map((l) => [l.account?.id, l.finding?.result])).toEqual([
      [PRODUCTION, 'fail'],
      [STAGING, 'pass'],
    ]);
    expect(rootMfa.outOfScope).toEqual([]);
  });

  it('the pre-flight lists the failing check in its account, the scope, and the out-of-scope evidence apart', async () => {
    const { services, fail, pass } = await twoAccountWorkspace([PRODUCTION]);
    close = () => services.workspaces.close();
    const report = await services.exports.preflight({});
    expect(report.failingChecks.filter((f) => f.checkId === 'iam.root-mfa')).toEqual([
      expect.objectContaining({ accountId: PRODUCTION, result: 'fail', evidenceId: fail.id }),
    ]);
    expect(report.scope).toEqual({ accounts: [PRODUCTION], regions: null });
    expect(report.outOfAccountScope).toEqual([
      expect.objectContaining({ id: pass.id, accountId: STAGING, checkId: 'iam.root-mfa' }),
    ]);
    expect(report.evidence.unreadableRecords).toBe(0);
  });

  it('the bundle ships the Fail as the control’s result, records the scope, and lists the Pass apart', async () => {
    const { services, folder, fail, pass } = await twoAccountWorkspace([PRODUCTION]);
    close = () => services.workspaces.close();
    const zip = join(dirname(folder), 'scope.zip');
    await services.exports.run({ outPath: zip });
    const dir = mkdtempSync(join(tmpdir(), 'aw-scope-'));
    run('unzip', ['-q', zip, '-d', dir]);

    const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.manifestVersion).toBe(2);
    expect(manifest.scope).toMatchObject({ accounts: [PRODUCTION], regions: null });
    expect(manifest.scope!.outOfScopeEvidence.map((e) => [e.id, e.accountId])).toEqual([[pass.id, STAGING]]);
    const control = manifest.controls.find((c) => c.id === CONTROL)!;
    expect(control.findings.filter((f) => f.checkId === 'iam.root-mfa')).toEqual([
      expect.objectContaining({ accountId: PRODUCTION, result: 'fail', evidenceId: fail.id }),
    ]);
    expect(control.evidenceIds).not.toContain(pass.id);
    expect(manifest.evidence.map((e) => e.id)).not.toContain(pass.id);

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain(`AWS account in scope: ${PRODUCTION}.`);
    expect(html).toMatch(
      new RegExp(
        `iam.root-mfa</code> <span class="account">AWS account ${PRODUCTION}</span> <strong class="fail">Fail`,
      ),
    );
    expect(html).not.toMatch(/iam.root-mfa<\/code> <span class="account">AWS account 123456789012/);
    const apart = html.slice(html.indexOf('id="out-of-scope-accounts"'));
    expect(apart).toContain(pass.id);
    expect(apart).toContain(STAGING);

    const csv = readFileSync(join(dir, 'controls.csv'), 'utf8');
    const row = csv.split('\n').find((l) => l.startsWith(`${CONTROL},`))!;
    expect(row).toContain(`iam.root-mfa (${PRODUCTION}): Fail`);
    expect(row).not.toContain(STAGING);

    const pdf = run('pdftotext', ['-layout', join(dir, 'index.pdf'), '-']);
    expect(pdf).toContain(`AWS account in scope: ${PRODUCTION}`);
    expect(pdf).toContain('Evidence from AWS accounts outside the scope');
    expect(pdf).toMatch(new RegExp(`iam.root-mfa\\s+AWS account ${PRODUCTION}\\s+Fail`));

    expect((await verifyBundle(zip)).ok).toBe(true);
  }, 120_000);

  it('evidence.csv names each file’s account and the region it was read in, as manifest.json does', async () => {
    const { services, folder, fail, pass } = await twoAccountWorkspace([PRODUCTION, STAGING]);
    close = () => services.workspaces.close();
    const regional = await services.workspaces.require().evidence.addBytes('{"SecurityGroups":[]}', {
      title: 'Open admin ports: EC2 DescribeSecurityGroups in eu-west-1',
      kind: 'api_snapshot',
      mediaType: 'application/json',
      fileName: 'ec2-DescribeSecurityGroups-eu-west-1.json',
      controlIds: [CONTROL],
      checkId: 'iam.root-mfa',
      runId: 'run_twoaccounts',
      source: { type: 'aws_api', calls: [] },
      aws: {
        accountId: STAGING,
        accountAlias: 'staging',
        principalArn: `arn:aws:sts::${STAGING}:assumed-role/AuditRole/dana`,
        region: 'eu-west-1',
      },
      capturedAt: '2026-12-20T10:06:00.000Z',
      effectiveDate: '2026-12-20',
      capturedBy: DANA,
    });
    const zip = join(dirname(folder), 'columns.zip');
    await services.exports.run({ outPath: zip });
    const dir = mkdtempSync(join(tmpdir(), 'aw-columns-'));
    run('unzip', ['-q', zip, '-d', dir]);

    const rows = parse(readFileSync(join(dir, 'evidence.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const byId = new Map(rows.map((r) => [r['Evidence ID'], r]));
    expect(byId.get(fail.id)).toMatchObject({ 'Account ID': PRODUCTION, 'Account alias': '', Region: 'us-east-1' });
    expect(byId.get(pass.id)).toMatchObject({ 'Account ID': STAGING, Region: 'us-east-1' });
    expect(byId.get(regional.id)).toMatchObject({
      'Account ID': STAGING,
      'Account alias': 'staging',
      Region: 'eu-west-1',
    });
    // The same values as the manifest's records, row for row.
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(rows.map((r) => [r['Evidence ID'], r['Account ID'], r.Region]).sort()).toEqual(
      manifest.evidence.map((e) => [e.id, e.aws?.accountId ?? '', e.aws?.region ?? '']).sort(),
    );
    expect((await verifyBundle(zip)).ok).toBe(true);
  }, 120_000);

  it('a version 1 bundle (exported before the scope) still verifies; a version 2 manifest without scope does not', async () => {
    const { services, folder } = await twoAccountWorkspace([PRODUCTION]);
    close = () => services.workspaces.close();
    const zip = join(dirname(folder), 'v2.zip');
    await services.exports.run({ outPath: zip });
    const dir = mkdtempSync(join(tmpdir(), 'aw-v1-'));
    run('unzip', ['-q', zip, '-d', dir]);
    const manifestPath = join(dir, 'manifest.json');
    const before = readFileSync(manifestPath);
    const oldFingerprint = sha256(before);

    // What an earlier version wrote: version 1, no scope, findings without accounts.
    const rewrite = (mutate: (m: Record<string, unknown>) => void, out: string) => {
      const m = JSON.parse(before.toString('utf8')) as Record<string, unknown>;
      mutate(m);
      const bytes = Buffer.from(`${JSON.stringify(m, null, 2)}\n`);
      writeFileSync(manifestPath, bytes);
      for (const name of ['README.txt', 'index.html'])
        writeFileSync(join(dir, name), readFileSync(join(dir, name), 'utf8').replaceAll(oldFingerprint, sha256(bytes)));
      const files = run('find', ['.', '-type', 'f', '!', '-name', 'SHA256SUMS', '-printf', '%P\n'], dir)
        .trim()
        .split('\n')
        .sort();
      writeFileSync(join(dir, 'SHA256SUMS'), run('sha256sum', files, dir));
      run('zip', ['-q', '-r', '-X', out, '.'], dir);
      return out;
    };
    const v1 = rewrite(
      (m) => {
        m.manifestVersion = 1;
        delete m.scope;
        for (const c of m.controls as { findings: Record<string, unknown>[] }[])
          for (const f of c.findings) delete f.accountId;
      },
      join(dirname(folder), 'v1.zip'),
    );
    const v1Report = await verifyBundle(v1);
    expect(v1Report.problems).toEqual([]);
    expect(v1Report.ok).toBe(true);

    const broken = rewrite((m) => delete m.scope, join(dirname(folder), 'v2-without-scope.zip'));
    const brokenReport = await verifyBundle(broken);
    expect(brokenReport.ok).toBe(false);
    expect(brokenReport.problems.join(' ')).toMatch(/scope: A version 2 manifest records its AWS scope/);
  }, 120_000);

  it('an earlier workspace (no accounts chosen, no regions) still opens and counts its findings', async () => {
    const { services, folder } = await twoAccountWorkspace([]);
    await services.workspaces.close();
    // An older workspace.json has no accountIds nor regions in its AWS settings.
    const metaPath = join(folder, 'workspace.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { aws: Record<string, unknown> };
    delete meta.aws.accountIds;
    delete meta.aws.regions;
    writeFileSync(metaPath, JSON.stringify(meta, null, 2));
    await services.workspaces.open(folder);
    close = () => services.workspaces.close();
    const rootMfa = (await services.checks.latestForControl(CONTROL)).checks.find((c) => c.checkId === 'iam.root-mfa')!;
    expect(rootMfa.latest.map((l) => l.account?.id)).toEqual([PRODUCTION, STAGING]);
    expect(rootMfa.outOfScope).toEqual([]);
  });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
