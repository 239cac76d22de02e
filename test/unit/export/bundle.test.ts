import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Manifest } from '../../../shared/domain/manifest';
import { verifyBundle } from '../../../main/services/export/verify';
import { scenarioWorkspace, type Scenario } from './scenario';

const run = (cmd: string, args: string[], cwd?: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

describe('an exported bundle', () => {
  let s: Scenario;
  let zip: string;
  let dir: string;
  let result: Awaited<ReturnType<Scenario['services']['exports']['run']>>;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    zip = join(dirname(s.folder), 'Acme bundle.zip');
    result = await s.services.exports.run({ outPath: zip });
    dir = mkdtempSync(join(tmpdir(), 'aw-unzipped-'));
    run('unzip', ['-q', zip, '-d', dir]);
  }, 60_000);
  afterAll(() => s.services.workspaces.close());

  it('passes unzip -t and sha256sum -c, and SHA256SUMS covers every other file', () => {
    expect(run('unzip', ['-t', zip])).toContain('No errors detected');
    const out = run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], dir);
    const listed = out.trim().split('\n');
    expect(listed.every((l) => l.endsWith(': OK'))).toBe(true);
    const files = run('find', ['.', '-type', 'f'], dir)
      .trim()
      .split('\n')
      .map((f) => f.slice(2))
      .filter((f) => f !== 'SHA256SUMS')
      .sort();
    expect(listed.map((l) => l.replace(/: OK$/, '')).sort()).toEqual(files);
  });

  it('holds every evidence file under evidence/<control-id>/<evidence-id>-<slug>.<ext>, byte for byte', () => {
    for (const record of s.records) {
      const folder = join(dir, 'evidence', record.controlIds[0]!);
      const name = readdirSync(folder).find((f) => f.startsWith(`${record.id}-`));
      expect(name, record.id).toBeDefined();
      expect(
        createHash('sha256')
          .update(readFileSync(join(folder, name!)))
          .digest('hex'),
      ).toBe(record.sha256);
    }
    // The hostile file name came out as a plain slug inside its control folder.
    expect(readdirSync(join(dir, 'evidence', 'access-reviews'))[0]).toMatch(/^ev_[a-z0-9]+-etc-passwd\.txt$/);
  });

  it('passes verify, and its fingerprint is the SHA-256 of manifest.json shown in README, HTML and PDF', async () => {
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const fingerprint = createHash('sha256')
      .update(readFileSync(join(dir, 'manifest.json')))
      .digest('hex');
    expect(report.fingerprint).toBe(fingerprint);
    expect(result.fingerprint).toBe(fingerprint);
    expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain(fingerprint);
    // The seal is sent apart from the bundle; README.txt says how to check it with standard tools.
    expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain('sha256sum SHA256SUMS');
    expect(run('sha256sum', [join(dir, 'SHA256SUMS')]).slice(0, 64)).toBe(result.seal);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(fingerprint);
    expect(run('pdftotext', [join(dir, 'index.pdf'), '-'])).toContain(fingerprint);
  });

  it('index.pdf names every control in scope and every evidence hash, with numbered pages and a table of contents', () => {
    const text = run('pdftotext', ['-layout', join(dir, 'index.pdf'), '-']);
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.controls.length).toBeGreaterThan(30);
    for (const control of manifest.controls) expect(text, control.id).toContain(control.id);
    for (const record of s.records) {
      expect(text, record.id).toContain(record.sha256);
      expect(text).toContain(record.id);
    }
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [join(dir, 'index.pdf')]))![1]);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toMatch(/Contents[\s\S]*Evidence index\s+\d+/);
    expect(text).toContain('SOC 2 Type 1 as of 2026-12-31');
    // The failing finding and its entities are on the control's page.
    expect(text).toContain('arn:aws:iam::111122223333:user/user-0');
    // Both failing users and 25 of the 28 that passed; the rest are named as listed elsewhere.
    expect(text).toContain('arn:aws:iam::111122223333:user/user-1 ');
    expect(text).toMatch(/3 more that passed are listed in index\.html and\s+in evidence\//);
    // index.html lists every entity of the finding.
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (let i = 0; i < 30; i++) expect(html).toContain(`arn:aws:iam::111122223333:user/user-${i}<`);
  });

  it('manifest.json validates against its schema and matches the workspace', () => {
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.workspace.companyName).toBe('Acme Analytics');
    expect(manifest.options.asOfDate).toBe('2026-12-31');
    expect(manifest.evidence.map((e) => e.id).sort()).toEqual(s.records.map((r) => r.id).sort());
    const late = manifest.evidence.find((e) => e.title.startsWith('=HYPERLINK'))!;
    expect(late.flags).toContain('captured_after_as_of');
    const mfa = manifest.controls.find((c) => c.id === 'iam-mfa-enforcement')!;
    expect(mfa.notes).toBe('MFA is enforced through Identity Center.');
    expect(mfa.findings[0]).toMatchObject({ checkId: 'iam.console-users-mfa', result: 'fail', entityCount: 30 });
    // Inherited controls follow the accepted review of AWS's report, as on the dashboard.
    expect(manifest.controls.find((c) => c.id === 'aws-physical-security')!.status).toBe('accepted');
    expect(manifest.controls.find((c) => c.id === 'iam-root-account')!.status).toBe('not_started');
  });

  it('manifest.json validates against the JSON Schema shipped beside it, which rejects a broken manifest', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(dir, 'manifest.schema.json'), 'utf8')));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(manifest);
    broken.evidence[0].sha256 = 'not-a-hash';
    delete broken.workspace;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.message)).toEqual(
      expect.arrayContaining(["must have required property 'workspace'", 'must match pattern "^[a-f0-9]{64}$"']),
    );
  });

  it('writes CSVs with a BOM and a header row, and defuses spreadsheet formulas', () => {
    const evidence = readFileSync(join(dir, 'evidence.csv'), 'utf8');
    expect(evidence.charCodeAt(0)).toBe(0xfeff);
    expect(evidence.slice(1).split('\r\n')[0]).toMatch(/^Evidence ID,Title,Kind,Controls/);
    expect(evidence).toContain(`"'=HYPERLINK(`);
    expect(evidence).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const controls = readFileSync(join(dir, 'controls.csv'), 'utf8');
    expect(controls).toContain('iam-mfa-enforcement,MFA for everyone who signs in');
  });

  it('index.html is self-contained and links every evidence file', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!evil\.example|us-east-1\.console)/);
    expect(html).not.toContain('<a href="http');
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    for (const e of manifest.evidence) expect(html).toContain(`href="${e.path}"`);
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
  });

  it('records the export in the activity log and leaves no temporary file beside the bundle', async () => {
    const { entries } = await s.services.workspaces.require().activity.read({ limit: 5 });
    expect(
      entries.some((e) => e.action === 'bundle.exported' && String(e.details?.fingerprint) === result.fingerprint),
    ).toBe(true);
    expect(readdirSync(dirname(zip)).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
