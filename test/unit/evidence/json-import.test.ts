import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImport } from '../../../main/services/evidence/import-validation';
import { tempDir } from '../helpers/services';
import { write } from './files';

const inspect = async (content: string | Buffer) => {
  const path = write(tempDir(), 'data.json', content);
  return inspectImport(path, 'data.json').then(
    (i) => i.mediaType,
    (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
  );
};

/** A file of `mb` MB holding one JSON array of small IAM-like objects, written in pieces. */
function bigJson(path: string, mb: number, tail = ']}'): string {
  const fd = openSync(path, 'w');
  writeSync(fd, '{"Users":[');
  const item = (i: number) =>
    `{"UserName":"user-${i}","Arn":"arn:aws:iam::111122223333:user/user-${i}","Tags":[{"Key":"team","Value":"café ✓"}],"MFA":${i % 2 === 0}}`;
  let i = 0;
  let block: string[] = [];
  for (let written = 0; written < mb * 1024 * 1024;) {
    block.push(`${i ? ',' : ''}${item(i++)}`);
    if (block.length === 1000) {
      const text = block.join('');
      writeSync(fd, text);
      written += Buffer.byteLength(text);
      block = [];
    }
  }
  writeSync(fd, `${block.join('')}${tail}`);
  closeSync(fd);
  return path;
}

describe('JSON import validation', () => {
  it('accepts any one well-formed JSON value, with or without a byte order mark', async () => {
    for (const ok of [
      '{"a":[1,-2.5e3,true,null,"\\u00e9\\n"]}',
      '\uFEFF{"a":1}',
      '[]',
      '"text"',
      '42',
      '{"a":1}\n\n',
    ]) {
      expect(await inspect(ok), ok).toBe('application/json');
    }
  });

  it.each([
    ['{"a": 1,', /ends before the JSON is complete/],
    ['{"a": [1, 2}', /unexpected "}" at byte 11/],
    ['{"a":1} x', /unexpected "x" at byte 8/],
    ['{"a":1}{"b":2}', /unexpected "{" at byte 7/],
    ['[1,]', /unexpected "]" at byte 3/],
    ['{"a":01}', /unexpected 1 at byte 6/],
    ['{"a":"tab\there"}', /unexpected "\\t" at byte 9/],
    ['[nul', /ends in the middle of a value/],
    ['   \n ', /holds only white space/],
  ])('refuses %j, saying where', async (content, reason) => {
    const result = await inspect(content);
    expect(result).toMatch(/^IMPORT_REJECTED: data.json was not imported: it is not valid JSON/);
    expect(result).toMatch(reason);
  });

  it('accepts a character split across two read chunks', async () => {
    // createReadStream reads 64 KiB at a time: put a 4-byte character across that boundary.
    const head = '{"a":"';
    const pad = 'x'.repeat(64 * 1024 - Buffer.byteLength(head) - 2);
    expect(await inspect(`${head}${pad}😀"}`)).toBe('application/json');
    expect(await inspect(`${head}${pad}😀`)).toMatch(/ends in the middle of a value/);
  });

  it('checks a 120 MB file in a process whose heap is far smaller than the file', () => {
    const dir = tempDir();
    const script = join(import.meta.dirname, 'inspect-import.child.ts');
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const run = (path: string) =>
      JSON.parse(
        execFileSync(tsx, [script, path, 'users.json'], {
          encoding: 'utf8',
          timeout: 120_000,
          env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' },
        }),
      );
    expect(run(bigJson(join(dir, 'users.json'), 120))).toMatchObject({ mediaType: 'application/json' });
    expect(run(bigJson(join(dir, 'cut.json'), 120, ','))).toMatchObject({
      error: expect.stringMatching(/ends before the JSON is complete/),
    });
  }, 180_000);
});
