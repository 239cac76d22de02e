import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { DECISIONS_CSV_HEADER } from '../../../main/services/access-reviews/decisions-csv';
import { verifyBundle } from '../../../main/services/export/verify';
import { checksHarness } from '../iam/iam-harness';
import { DANA, tempDir } from '../helpers/services';

/**
 * The signed access review in the auditor bundle: its section in index.html and index.pdf,
 * access-review-decisions.csv listed in the manifest with its hash (so verify checks it), and
 * the review's evidence shipped and linked.
 */

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(iamScenario(new Date()), sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
});
afterAll(() => endpoint.close());

describe('access reviews in the auditor bundle', () => {
  it('exports the signed review: index.html and index.pdf sections, the decisions CSV in the manifest, its evidence linked', async () => {
    const h = await checksHarness(endpoint.url);
    const { services, folder } = h;
    await services.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
    const ws = services.workspaces.require();
    const dana = ws.team.members.find((m) => m.email === DANA.email)!;
    const sam = ws.team.members.find((m) => m.email === 'sam@acme.example')!;
    await services.controls.setOwner('access-reviews', dana.id);
    const api = services.accessReview;
    expect((await services.exports.preflight({})).accessReview).toEqual({ standing: null, open: [] });
    const rows = (await api.start({ profile: 'audit' })).review!.rows;
    // The pre-flight says the review is not finished, and how far it got.
    const before = (await services.exports.preflight({})).accessReview;
    expect(before.standing?.state).toBe('draft');
    expect(before.open[0]).toMatch(new RegExp(`^${rows.length} of ${rows.length} identities not decided`));
    const own = rows.filter((r) => r.email === DANA.email).map((r) => r.id);
    await api.assign(own, [dana.id, sam.id]);
    for (const r of rows) {
      if (own.includes(r.id)) continue;
      const remove = r.name === 'old-contractor';
      await api.decide(r.id, remove ? 'remove' : 'keep', remove ? 'Left the company in June' : 'Still needed');
    }
    services.workspaces.setMe({ name: sam.name, email: sam.email });
    for (const id of own) await api.decide(id, 'keep', 'Founder');
    const signed = await api.sign();
    expect(signed.standing?.state).toBe('signed');
    expect((await services.exports.preflight({})).accessReview).toMatchObject({
      standing: { state: 'signed' },
      open: [],
    });

    const out = join(dirname(folder), 'bundle.zip');
    await services.exports.run({ outPath: out });
    expect((await verifyBundle(out)).problems).toEqual([]);
    const dir = tempDir('aw-unzip-');
    execFileSync('unzip', ['-q', out, '-d', dir]);

    const csvBytes = readFileSync(join(dir, 'access-review-decisions.csv'));
    const table = parse(csvBytes, { bom: true }) as string[][];
    expect(table[0]).toEqual(DECISIONS_CSV_HEADER);
    expect(table).toHaveLength(rows.length + 1);
    expect(table.find((l) => l[2] === 'old-contractor')?.slice(9, 12)).toEqual([
      'Remove',
      'Left the company in June',
      `${DANA.name} <${DANA.email}>`,
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.documents).toContainEqual({
      path: 'access-review-decisions.csv',
      sha256: createHash('sha256').update(csvBytes).digest('hex'),
      size: csvBytes.length,
    });

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<a href="#access-reviews">Access reviews</a>');
    const section = html.slice(html.indexOf('<section id="access-reviews">'));
    const at = signed.review!.signed!.at;
    expect(section).toContain(
      `Recorded by Sam Engineer (sam@acme.example) on ${at.slice(0, 10)} ${at.slice(11, 16)} UTC, not signed with a key`,
    );
    expect(section).toMatch(new RegExp(`The population of ${rows.length} identities`));
    expect(section).toContain('old-contractor');
    expect(section).toContain('Left the company in June');
    expect(section).toContain('not checked yet');
    // The population snapshot and the decisions evidence are linked to their files in the bundle.
    const evidenceLinks = [...section.slice(0, section.indexOf('</section>')).matchAll(/href="(evidence\/[^"]+)"/g)];
    expect(evidenceLinks.length).toBe(signed.review!.evidenceIds.length);
    for (const [, path] of evidenceLinks)
      expect(readFileSync(join(dir, decodeURIComponent(path!))).length).toBeGreaterThan(0);

    const pdfText = execFileSync('pdftotext', ['-layout', join(dir, 'index.pdf'), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Access reviews');
    expect(pdfText).toContain('Recorded by Sam Engineer');
    expect(pdfText).toContain('Removes and changes (1)');

    // A changed decisions file no longer verifies.
    writeFileSync(join(dir, 'access-review-decisions.csv'), Buffer.concat([csvBytes, Buffer.from('x\n')]));
    const tampered = join(dirname(folder), 'tampered.zip');
    execFileSync('zip', ['-q', '-r', '-X', tampered, '.'], { cwd: dir });
    const report = await verifyBundle(tampered);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('access-review-decisions.csv');
  }, 180_000);
});
