import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../main/cli/chromium';

const dir = mkdtempSync(join(tmpdir(), 'aw-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '');
  return path;
};
const missing = join(dir, 'missing');

describe('finding the Chromium that npm test, the screenshots and the demo drive', () => {
  it("AW_CHROMIUM wins over Playwright's browser and Debian's", () => {
    const chosen = file('chosen');
    expect(findChromium(() => file('own'), { AW_CHROMIUM: chosen }, file('debian'))).toEqual({
      found: true,
      executablePath: chosen,
      source: 'AW_CHROMIUM',
    });
  });

  it('a wrong AW_CHROMIUM is reported, never silently replaced', () => {
    const lookup = findChromium(() => file('own'), { AW_CHROMIUM: missing }, file('debian'));
    expect(lookup).toEqual({ found: false, reason: `AW_CHROMIUM names ${missing}, which does not exist.` });
  });

  it("Playwright's own browser comes before Debian's when it is installed", () => {
    const own = file('own');
    expect(findChromium(() => own, {}, file('debian'))).toMatchObject({ executablePath: own, source: 'playwright' });
    const debian = file('debian');
    expect(findChromium(() => missing, {}, debian)).toMatchObject({ executablePath: debian, source: 'debian' });
  });

  it('with no browser anywhere, says which places were looked at', () => {
    const lookup = findChromium(() => missing, {}, missing);
    expect(lookup.found).toBe(false);
    expect(!lookup.found && lookup.reason).toContain(missing);
  });
});
