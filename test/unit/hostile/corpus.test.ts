import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProfileService } from '../../../main/services/aws/profiles';
import { inspectImport } from '../../../main/services/evidence/import-validation';
import { thumbnailPng } from '../../../main/services/export/thumbnails';
import { verifyBundle } from '../../../main/services/export/verify';
import { generateCorpus, type HostileCase } from '../../fixtures/hostile/corpus';
import { tempDir } from '../helpers/services';

/**
 * Every case of the hostile corpus (test/fixtures/hostile/corpus.ts) with its exact refusal or
 * handling. Time and memory are not asserted here: test/bench/hostile.ts measures them.
 */
const cases = generateCorpus();
const of = (via: HostileCase['expect']['via']) =>
  cases.filter((c) => c.expect.via === via).map((c) => [c.id, c] as const);

afterEach(() => vi.unstubAllEnvs());

describe('the hostile corpus', () => {
  beforeAll(() => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(of('import'))('import: %s', async (_id, c) => {
    const e = c.expect;
    if (e.via !== 'import') throw new Error('not an import case');
    const outcome = await inspectImport(c.file, e.name).then(
      (file) => ({ ok: true as const, file }),
      (error: Error & { code?: string }) => ({ ok: false as const, error }),
    );
    if ('refused' in e) {
      expect(outcome.ok, `${c.id} should be refused`).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe('IMPORT_REJECTED');
      expect(outcome.error.message).toMatch(e.refused);
      expect(outcome.error.message).toContain(e.name);
    } else {
      if (!outcome.ok) throw outcome.error;
      expect(outcome.file.mediaType).toBe(e.accepted);
      expect(outcome.file.formulaCells).toEqual(e.formulaCells);
    }
  });

  it.each(of('verify'))('verify: %s', async (_id, c) => {
    const e = c.expect;
    if (e.via !== 'verify') throw new Error('not a verify case');
    const report = await verifyBundle(c.file);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(e.problem);
    if (e.notProblem) expect(report.problems.join('\n')).not.toMatch(e.notProblem);
  });

  it.each(of('thumbnail'))('thumbnail for the export: %s', (_id, c) => {
    const e = c.expect;
    if (e.via !== 'thumbnail') throw new Error('not a thumbnail case');
    const bytes = readFileSync(c.file);
    if ('refused' in e) {
      expect(() => thumbnailPng(bytes)).toThrow(e.refused);
    } else {
      const thumb = PNG.sync.read(thumbnailPng(bytes));
      expect({ width: thumb.width, height: thumb.height }).toEqual(e.size);
    }
  });

  it.each(of('profiles'))('AWS config: %s', async (_id, c) => {
    const e = c.expect;
    if (e.via !== 'profiles') throw new Error('not a config case');
    const home = tempDir();
    vi.stubEnv('HOME', home);
    vi.stubEnv('AWS_CONFIG_FILE', c.file);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'no-credentials'));
    const list = await new ProfileService().list();
    expect(list.profiles).toHaveLength(e.profiles);
    const problems = [...list.files.flatMap((f) => f.problems), ...list.profiles.flatMap((p) => p.problems)];
    if (e.problem) {
      expect(problems).toContainEqual(
        expect.objectContaining({
          line: e.problem.line,
          severity: e.problem.severity,
          message: expect.stringMatching(e.problem.message),
        }),
      );
    } else {
      expect(problems).toEqual([]);
    }
  });
});
