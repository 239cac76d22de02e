import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { controlsForCheck } from '../../../shared/catalog';
import { checksHarness, iamScenario } from './iam-harness';

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

it('collected findings and their raw evidence reach the auditor bundle, hash-checked', async () => {
  const h = await checksHarness(endpoint.url);
  const run = await h.checks.run({ profile: 'audit' });
  const zip = join(dirname(h.folder), 'bundle.zip');
  await h.services.exports.run({ outPath: zip });
  const dir = mkdtempSync(join(tmpdir(), 'aw-iam-bundle-'));
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  expect(execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).not.toMatch(
    /FAILED/,
  );

  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const check of run.checks) {
    for (const control of controlsForCheck(check.checkId)) {
      const inBundle = manifest.controls.find((c: { id: string }) => c.id === control.id);
      expect(inBundle.findings, `${check.checkId} on ${control.id}`).toContainEqual(
        expect.objectContaining({ checkId: check.checkId, result: check.result }),
      );
      for (const e of check.evidence)
        expect(inBundle.evidenceIds, `${check.checkId} ${e.fileName} on ${control.id}`).toContain(e.id);
    }
  }
  await h.services.workspaces.close();
}, 60_000);
