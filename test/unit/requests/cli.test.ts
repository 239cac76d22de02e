import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import { csvOf, FIRM_ROWS } from './fixtures';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const AS = ['--as', 'Dana Founder <dana@acme.example>'];

function listFile(name: string, rows: string[][]) {
  const path = join(mkdtempSync(join(tmpdir(), 'aw-cli-list-')), name);
  writeFileSync(path, csvOf(rows));
  return path;
}

interface ListedRequest {
  id: string;
  columns: Record<string, string>;
  text: string;
  dueDate: string | null;
  owner: { name: string; email: string } | null;
  status: string;
  withdrawn: boolean;
  links: { controls: string[]; evidence: string[] };
}

describe('npm run cli -- requests import / requests list', () => {
  it('imports a list into a new folder (made a workspace), then lists one JSON object per request', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'aw-cli-')), 'ws');
    const r = await cli('requests', 'import', listFile('pbc.csv', FIRM_ROWS), '--workspace', folder, ...AS);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`Created a workspace in ${folder}`);
    expect(r.out).toContain('header on row 4, 3 requests');
    expect(r.out).toContain('Imported 3 requests: 3 new, 0 changed, 0 withdrawn.');
    expect(existsSync(join(folder, 'requests.json'))).toBe(true);

    const listed = await cli('requests', 'list', '--workspace', folder, '--json');
    expect(listed.code, listed.err).toBe(0);
    const rows = JSON.parse(listed.out) as ListedRequest[];
    expect(rows.map((x) => x.id)).toEqual(['PBC-001', 'PBC-002', 'PBC-003']);
    // The firm's columns as it wrote them, the due date as YYYY-MM-DD, the owner found on the team by email.
    expect(rows[0]).toMatchObject({
      columns: {
        'Request #': 'PBC-001',
        'Request Description': 'Provide the IAM password policy configuration',
        'TSC Reference': 'CC6.1',
        'Due Date': '2027-01-15',
        'Client Owner': 'dana@acme.example',
      },
      dueDate: '2027-01-15',
      owner: { name: 'Dana Founder', email: 'dana@acme.example' },
      status: 'open',
      withdrawn: false,
      links: { controls: [], evidence: [] },
    });
    // "IT" is nobody on the team: no owner is guessed.
    expect(rows[2]!.owner).toBeNull();

    const table = await cli('requests', 'list', '--workspace', folder);
    expect(table.out).toMatch(/PBC-002\s+Open\s+2027-01-15\s+Dana Founder/);
  });

  it("a re-import shows the firm's changes on a dry run, then marks a request that disappeared withdrawn", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'aw-cli-')), 'ws');
    expect((await cli('requests', 'import', listFile('pbc.csv', FIRM_ROWS), '--workspace', folder, ...AS)).code).toBe(
      0,
    );
    const updated = FIRM_ROWS.slice(0, 6).map((row) => [...row]);
    updated[4]![1] = 'Provide the IAM password policy and its last change';
    const file = listFile('pbc-v2.csv', updated);
    const before = readFileSync(join(folder, 'requests.json'), 'utf8');

    const dry = await cli('requests', 'import', file, '--workspace', folder, '--dry-run', '--json', ...AS);
    expect(dry.code, dry.out).toBe(0);
    const plan = JSON.parse(dry.out);
    expect(plan.dryRun).toBe(true);
    expect(plan.mappingFrom).toBe('firm');
    expect(plan.plan).toMatchObject({
      added: [],
      changes: [
        {
          id: 'PBC-001',
          field: 'text',
          before: 'Provide the IAM password policy configuration',
          after: 'Provide the IAM password policy and its last change',
        },
      ],
      withdrawn: ['PBC-003'],
    });
    expect(readFileSync(join(folder, 'requests.json'), 'utf8')).toBe(before);

    const applied = await cli('requests', 'import', file, '--workspace', folder, ...AS);
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain('PBC-001 text: "Provide the IAM password policy configuration" -> "Provide');
    expect(applied.out).toContain('Withdrawn (kept, marked withdrawn): PBC-003');
    const rows = JSON.parse((await cli('requests', 'list', '--workspace', folder, '--json')).out) as ListedRequest[];
    expect(rows.map((x) => [x.id, x.withdrawn])).toEqual([
      ['PBC-001', false],
      ['PBC-002', false],
      ['PBC-003', true],
    ]);
    expect(rows[0]!.text).toBe('Provide the IAM password policy and its last change');
  });

  it('refuses a list with a duplicated id, naming both rows, and leaves no workspace behind in the new folder', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'aw-cli-')), 'ws');
    const rows = [...FIRM_ROWS, ['PBC-002', 'Provide the MFA report again', 'CC6.1', '2027-01-20', 'IT']];
    const r = await cli('requests', 'import', listFile('dup.csv', rows), '--workspace', folder, ...AS);
    expect(r.code).toBe(1);
    expect(r.err).toContain('row 8: request id "PBC-002" is also on row 6');
    expect(r.err).toContain('[IMPORT_REJECTED]');
    expect(existsSync(folder)).toBe(false);
  });

  it('takes the columns from --mapping when the header does not name them, and refuses a mapping that is not JSON', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'aw-cli-')), 'ws');
    const file = listFile('odd.csv', [
      ['Ref', 'Ask', 'Notes'],
      ['A-1', 'Provide the incident response plan', ''],
      ['A-2', 'Provide the vendor list', 'with contracts'],
    ]);
    const bad = await cli('requests', 'import', file, '--workspace', folder, '--mapping', '{id:Ref}', ...AS);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--mapping is not JSON');

    const r = await cli(
      'requests',
      'import',
      file,
      '--workspace',
      folder,
      '--mapping',
      '{"id":"Ref","text":"Ask"}',
      '--json',
      ...AS,
    );
    expect(r.code, r.out).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.mapping).toMatchObject({ id: 'Ref', text: 'Ask', criteria: null });
    expect(result.result).toMatchObject({ added: 2, total: 2 });
    const listed = JSON.parse((await cli('requests', 'list', '--workspace', folder, '--json')).out) as ListedRequest[];
    expect(listed.map((x) => [x.id, x.text, x.columns.Notes])).toEqual([
      ['A-1', 'Provide the incident response plan', ''],
      ['A-2', 'Provide the vendor list', 'with contracts'],
    ]);
  });
});
