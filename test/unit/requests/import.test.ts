import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activityOnDisk, createTestWorkspace, refusal } from '../helpers/services';
import { csvOf, FIRM_ROWS, importList, sheetOf, withParts, xlsxOf } from './fixtures';

const requestsOnDisk = (folder: string) => readFileSync(join(folder, 'requests.json'), 'utf8');

describe('importing the auditor request list', () => {
  it('finds the header under the title rows, proposes the mapping, and keeps the original columns', async () => {
    const { services, folder } = await createTestWorkspace();
    const { preview, apply } = await importList(services, 'pbc.csv', csvOf(FIRM_ROWS), { firm: 'Example Assurance' });
    expect(preview.headerRow).toBe(4);
    expect(preview.mapping).toEqual({
      id: 'Request #',
      text: 'Request Description',
      criteria: 'TSC Reference',
      dueDate: 'Due Date',
      owner: 'Client Owner',
      dateOrder: 'MDY',
    });
    expect(preview.plan?.added).toEqual(['PBC-001', 'PBC-002', 'PBC-003']);
    const result = await apply();
    expect(result).toMatchObject({ added: 3, changed: 0, withdrawn: 0, total: 3 });
    const list = services.requests.list();
    expect(list.columns).toEqual(FIRM_ROWS[3]);
    const dana = services.team.list()[0]!;
    expect(list.requests.map((r) => [r.id, r.firm.dueDate, r.ownerId, r.status])).toEqual([
      ['PBC-001', '2027-01-15', dana.id, 'open'],
      ['PBC-002', '2027-01-15', dana.id, 'open'],
      ['PBC-003', '2027-01-22', null, 'open'],
    ]);
    expect(list.requests[2]!.cells).toEqual({
      'Request #': 'PBC-003',
      'Request Description': 'Provide the latest access review and its sign-off',
      'TSC Reference': 'CC6.2',
      'Due Date': '2027-01-22',
      'Client Owner': 'IT',
    });
    expect(JSON.parse(requestsOnDisk(folder)).requests).toHaveLength(3);
    expect(activityOnDisk(folder).at(-1)).toMatchObject({ action: 'requests.imported' });
  });

  it('takes a corrected mapping and proposes it again for the next list from the same firm', async () => {
    const { services } = await createTestWorkspace();
    const rows = [
      ['Ref', 'Wording', 'Area', 'When'],
      ['7.1', 'Show the CloudTrail configuration', 'CC7.2', '01/02/2027'],
    ];
    const first = await importList(services, 'list.csv', csvOf(rows), { firm: 'Northwind Audit' });
    // "Ref" is recognised as the id; nothing names the text column clearly enough to guess.
    expect(first.preview.mapping).toBeNull();
    const mapping = {
      id: 'Ref',
      text: 'Wording',
      criteria: 'Area',
      dueDate: 'When',
      owner: null,
      dateOrder: 'DMY' as const,
    };
    const corrected = await importList(services, 'list.csv', csvOf(rows), { firm: 'Northwind Audit', mapping });
    await corrected.apply();
    expect(services.requests.list().requests[0]!.firm).toEqual({
      text: 'Show the CloudTrail configuration',
      criteria: 'CC7.2',
      dueDate: '2027-02-01',
      owner: '',
    });
    const next = await importList(services, 'list-v2.csv', csvOf([['Prepared for Acme'], ...rows]), {
      firm: 'Northwind Audit',
    });
    expect(next.preview.mappingFrom).toBe('firm');
    expect(next.preview.mapping).toEqual(mapping);
    expect(next.preview.headerRow).toBe(2);
    const other = await importList(services, 'list.csv', csvOf(rows), { firm: 'Other Firm LLP' });
    expect(other.preview.mappingFrom).toBe('headers');
  });

  it('re-import matches by id, shows text changes first, keeps answers and links, and withdraws what disappeared', async () => {
    const { services, folder } = await createTestWorkspace();
    await (await importList(services, 'v1.csv', csvOf(FIRM_ROWS))).apply();
    const evidence = await services.workspaces.require().evidence.addBytes('password policy export\n', {
      title: 'IAM password policy',
      kind: 'document',
      mediaType: 'text/plain',
      fileName: 'password-policy.txt',
      controlIds: ['iam-password-policy'],
      source: { type: 'import', originalName: 'password-policy.txt' },
      effectiveDate: '2026-12-20',
      capturedBy: { name: 'Dana Founder', email: 'dana@acme.example' },
    });
    await services.requests.link({ id: 'PBC-001', controlIds: ['iam-password-policy'], evidenceIds: [evidence.id] });
    await services.requests.answer({ id: 'PBC-001', status: 'submitted', response: 'Exported from IAM on 20 Dec.' });
    await services.requests.answer({ id: 'PBC-003', status: 'in_progress', dueDate: '2027-01-20' });

    const v2 = [
      ...FIRM_ROWS.slice(0, 4),
      ['PBC-001', 'Provide the IAM password policy configuration', 'CC6.1', '2027-01-15', 'dana@acme.example'],
      ['PBC-002', 'Provide evidence of MFA on the root account and on every IAM user', 'CC6.1', '2027-01-29', ''],
      ['PBC-004', 'Provide the incident response plan', 'CC7.3', '2027-02-01', ''],
    ];
    const before = requestsOnDisk(folder);
    const { preview, apply } = await importList(services, 'v2.csv', csvOf(v2));
    expect(preview.plan).toEqual({
      added: ['PBC-004'],
      changes: [
        {
          id: 'PBC-002',
          field: 'text',
          before: 'Provide evidence of MFA on the root account',
          after: 'Provide evidence of MFA on the root account and on every IAM user',
        },
        { id: 'PBC-002', field: 'criteria', before: 'CC6.1, CC6.2', after: 'CC6.1' },
        { id: 'PBC-002', field: 'dueDate', before: '2027-01-15', after: '2027-01-29' },
        { id: 'PBC-002', field: 'owner', before: 'Dana Founder', after: '' },
      ],
      withdrawn: ['PBC-003'],
      reinstated: [],
      unchanged: 1,
    });
    // The preview changed nothing.
    expect(requestsOnDisk(folder)).toBe(before);
    await apply();
    const byId = new Map(services.requests.list().requests.map((r) => [r.id, r]));
    expect(byId.get('PBC-001')).toMatchObject({
      status: 'submitted',
      response: 'Exported from IAM on 20 Dec.',
      controlIds: ['iam-password-policy'],
      evidenceIds: [evidence.id],
      withdrawnAt: null,
    });
    expect(byId.get('PBC-002')).toMatchObject({ dueDate: '2027-01-29', firm: { text: v2[5]![1] } });
    // Withdrawn, never deleted: its answer stays.
    expect(byId.get('PBC-003')).toMatchObject({ status: 'in_progress', dueDate: '2027-01-20' });
    expect(byId.get('PBC-003')!.withdrawnAt).not.toBeNull();
    expect(byId.get('PBC-004')).toMatchObject({ status: 'open', withdrawnAt: null });

    // Back in the next list: reinstated with its answer.
    const v3 = await importList(services, 'v3.csv', csvOf(FIRM_ROWS));
    expect(v3.preview.plan?.reinstated).toEqual(['PBC-003']);
    expect(v3.preview.plan?.withdrawn).toEqual(['PBC-004']);
    await v3.apply();
    const pbc3 = services.requests.list().requests.find((r) => r.id === 'PBC-003')!;
    expect(pbc3).toMatchObject({ withdrawnAt: null, status: 'in_progress', dueDate: '2027-01-20' });
  });

  it('refuses a file that changed after the preview, and changes nothing', async () => {
    const { services, folder } = await createTestWorkspace();
    const { preview, path, token } = await importList(services, 'v1.csv', csvOf(FIRM_ROWS));
    const before = requestsOnDisk(folder);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, csvOf(FIRM_ROWS.slice(0, 5)));
    const error = await refusal(services.requests.apply({ token, sha256: preview.sha256 }));
    expect(error.code).toBe('CONFLICT');
    expect(requestsOnDisk(folder)).toBe(before);
  });
});

describe('bad request lists', () => {
  it('reads a CSV with a byte order mark and semicolons, and one with tabs', async () => {
    const { services } = await createTestWorkspace();
    const semi = await importList(services, 'bom.csv', `\uFEFF${csvOf(FIRM_ROWS, ';')}`);
    expect(semi.preview.columns[0]).toBe('Request #');
    expect(semi.preview.requests).toBe(3);
    expect(semi.preview.problems).toEqual([]);
    const tabs = await importList(services, 'tabs.tsv', csvOf(FIRM_ROWS, '\t'));
    expect(tabs.preview.columns).toEqual(FIRM_ROWS[3]);
    expect(tabs.preview.requests).toBe(3);
  });

  it('keeps quoted newlines inside a request', async () => {
    const { services } = await createTestWorkspace();
    const rows = [FIRM_ROWS[3]!, ['PBC-9', 'Provide:\n1. the policy\n2. its approval', 'CC1.1', '', '']];
    const { apply } = await importList(services, 'nl.csv', csvOf(rows));
    await apply();
    expect(services.requests.list().requests[0]!.firm.text).toBe('Provide:\n1. the policy\n2. its approval');
  });

  it('names columns under merged and multi-row header cells', async () => {
    const { services } = await createTestWorkspace();
    const bytes = await xlsxOf((wb) => {
      const ws = sheetOf(wb, 'PBC', [
        ['Acme SOC 2 requests'],
        ['Request', '', 'Due date', 'Owner'],
        ['ID', 'Description', '', ''],
        ['R-1', 'Provide the backup policy', new Date(Date.UTC(2027, 0, 15)), 'Dana Founder'],
      ]);
      ws.mergeCells('A2:B2');
      ws.mergeCells('C2:C3');
      ws.mergeCells('D2:D3');
    });
    const { preview } = await importList(services, 'merged.xlsx', bytes);
    expect(preview.headerFirstRow).toBe(2);
    expect(preview.headerRow).toBe(3);
    expect(preview.columns).toEqual(['Request ID', 'Request Description', 'Due date', 'Owner']);
    expect(preview.mapping).toMatchObject({ id: 'Request ID', text: 'Request Description', dueDate: 'Due date' });
    expect(preview.requests).toBe(1);
  });

  it('skips hidden sheets unless chosen, and says so', async () => {
    const { services } = await createTestWorkspace();
    const bytes = await xlsxOf((wb) => {
      sheetOf(wb, 'Internal notes', [
        ['Request #', 'Request Description'],
        ['X-1', 'not for the client'],
      ]).state = 'hidden';
      sheetOf(wb, 'Requests', FIRM_ROWS);
    });
    const { preview } = await importList(services, 'hidden.xlsx', bytes);
    expect(preview.sheet).toBe('Requests');
    expect(preview.sheets).toEqual([
      { name: 'Internal notes', hidden: true },
      { name: 'Requests', hidden: false },
    ]);
    expect(preview.notices).toContain('Hidden sheet "Internal notes" not read.');
    const chosen = await importList(services, 'hidden.xlsx', bytes, { sheet: 'Internal notes' });
    expect(chosen.preview.requests).toBe(1);
    const missing = await refusal(importList(services, 'hidden.xlsx', bytes, { sheet: 'Nope' }));
    expect(missing.message).toBe('hidden.xlsx has no sheet named "Nope".');
  });

  it('shows formulas as their text, never their value, and refuses a formula as a request id', async () => {
    const { services } = await createTestWorkspace();
    const bytes = await xlsxOf((wb) => {
      sheetOf(wb, 'PBC', [
        FIRM_ROWS[3]!,
        ['PBC-1', { formula: 'CONCAT("Provide ","the policy")', result: 'Provide the policy' }, 'CC1.1', '', ''],
      ]);
    });
    const { preview, apply } = await importList(services, 'formula.xlsx', bytes);
    expect(preview.notices).toContain('1 cell holds a formula: shown as the formula text, never calculated.');
    await apply();
    expect(services.requests.list().requests[0]!.firm.text).toBe('=CONCAT("Provide ","the policy")');
    const idFormula = await xlsxOf((wb) => {
      sheetOf(wb, 'PBC', [FIRM_ROWS[3]!, [{ formula: '"PBC-"&ROW()', result: 'PBC-2' }, 'Provide it', '', '', '']]);
    });
    const refused = await importList(services, 'id-formula.xlsx', idFormula);
    expect(refused.preview.problems).toEqual([
      { row: 2, reason: 'the request id is a formula (="PBC-"&ROW()), which is never calculated: type the id itself' },
    ]);
    expect((await refusal(refused.apply())).code).toBe('IMPORT_REJECTED');
  });

  it('reads due dates as spreadsheet dates, serial numbers and text in several formats', async () => {
    const { services } = await createTestWorkspace();
    const bytes = await xlsxOf((wb) => {
      sheetOf(wb, 'PBC', [
        ['Request ID', 'Request', 'Due date'],
        ['D-1', 'as a date cell', new Date(Date.UTC(2027, 0, 15))],
        ['D-2', 'as a serial number', 46402],
        ['D-3', 'as ISO text', '2027-01-15'],
        ['D-4', 'day first', '15/01/2027'],
        ['D-5', 'with dots', '15.01.2027'],
        ['D-6', 'month name first', 'Jan 15, 2027'],
        ['D-7', 'day and month name', '15 January 2027'],
        ['D-8', 'no due date', ''],
      ]);
    });
    const { preview, apply } = await importList(services, 'dates.xlsx', bytes);
    expect(preview.problems).toEqual([]);
    await apply();
    expect(services.requests.list().requests.map((r) => r.firm.dueDate)).toEqual([
      ...Array(7).fill('2027-01-15'),
      null,
    ]);
  });

  it('refuses a due date it cannot read, naming the row', async () => {
    const { services } = await createTestWorkspace();
    const rows = [
      FIRM_ROWS[3]!,
      ['A-1', 'Provide the policy', '', 'next Friday', ''],
      ['A-2', 'x', '', '31/02/2027', ''],
    ];
    const { preview } = await importList(services, 'bad-date.csv', csvOf(rows));
    expect(preview.problems).toEqual([
      {
        row: 2,
        reason:
          'request A-1: the due date "next Friday" is not a date (write it as YYYY-MM-DD, or as the spreadsheet\'s own date)',
      },
      {
        row: 3,
        reason:
          'request A-2: the due date "31/02/2027" is not a date (write it as YYYY-MM-DD, or as the spreadsheet\'s own date)',
      },
    ]);
  });

  it('refuses duplicated ids with both rows, and keeps the existing list and its answers', async () => {
    const { services, folder } = await createTestWorkspace();
    await (await importList(services, 'v1.csv', csvOf(FIRM_ROWS))).apply();
    await services.requests.answer({ id: 'PBC-001', status: 'submitted', response: 'Sent' });
    const before = requestsOnDisk(folder);
    const rows = [...FIRM_ROWS, ['pbc-001 ', 'Provide it again', '', '', '']];
    const { preview, apply } = await importList(services, 'dup.csv', csvOf(rows));
    expect(preview.problems).toEqual([
      { row: 8, reason: 'request id "pbc-001" is also on row 5; each request needs its own id' },
    ]);
    const error = await refusal(apply());
    expect(error.message).toBe(
      'dup.csv was not imported: row 8: request id "pbc-001" is also on row 5; each request needs its own id.',
    );
    expect(requestsOnDisk(folder)).toBe(before);
  });

  it('skips empty rows and section headings, and says how many', async () => {
    const { services } = await createTestWorkspace();
    const rows = [
      FIRM_ROWS[3]!,
      ['', 'Access control', '', '', ''],
      FIRM_ROWS[4]!,
      ['', '', '', '', ''],
      [],
      FIRM_ROWS[5]!,
    ];
    const { preview } = await importList(services, 'gaps.csv', csvOf(rows));
    expect(preview.requests).toBe(2);
    expect(preview.notices).toEqual([
      '2 empty rows were skipped.',
      '1 row with only one filled cell and no id (section headings) skipped.',
    ]);
  });

  it('imports 10,000 requests', async () => {
    const { services } = await createTestWorkspace();
    const rows = [FIRM_ROWS[3]!];
    for (let i = 1; i <= 10_000; i++) rows.push([`R-${i}`, `Provide item ${i}`, 'CC6.1', '2027-01-15', '']);
    const { preview, apply } = await importList(services, 'big.csv', csvOf(rows));
    expect(preview.requests).toBe(10_000);
    expect((await apply()).added).toBe(10_000);
    expect(services.requests.list().requests.at(-1)!.id).toBe('R-10000');
  });

  it('reads the cells of a workbook with macros or external links, and never runs or follows them', async () => {
    const { services } = await createTestWorkspace();
    const plain = await xlsxOf((wb) => sheetOf(wb, 'PBC', FIRM_ROWS));
    const macros = await withParts(plain, { 'xl/vbaProject.bin': Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) });
    const m = await importList(services, 'macros.xlsm', macros);
    expect(m.preview.requests).toBe(3);
    expect(m.preview.notices).toContain(
      'The workbook contains macros; they were not run and are not kept, only the cells were read.',
    );
    const links = await withParts(plain, { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' });
    const l = await importList(services, 'links.xlsx', links);
    expect(l.preview.requests).toBe(3);
    expect(l.preview.notices).toContain(
      'The workbook links to other workbooks; the links were not followed, formulas are shown as text.',
    );
  });

  it('refuses a password-protected workbook, an old .xls, and a file that is not a spreadsheet, with the reason', async () => {
    const { services, folder } = await createTestWorkspace();
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const encrypted = Buffer.concat([cfb, Buffer.from('EncryptedInfo\0EncryptedPackage', 'utf16le')]);
    const locked = await refusal(importList(services, 'locked.xlsx', encrypted));
    expect(locked.message).toBe(
      'locked.xlsx was not imported: it is protected with a password, so its content cannot be read.',
    );
    const xls = await refusal(importList(services, 'old.xls', cfb));
    expect(xls.message).toBe(
      'old.xls was not imported: it is an old Excel (.xls) workbook, which the workbench does not read.',
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const image = await refusal(importList(services, 'list.xlsx', png));
    expect(image.message).toBe('list.xlsx was not imported: it is not a spreadsheet (it looks like a PNG file).');
    const zip = await withParts(await xlsxOf((wb) => sheetOf(wb, 'x', [['a']])), {});
    const notBook = await refusal(importList(services, 'archive.zip', zip.subarray(0, 200)));
    expect(notBook.code).toBe('IMPORT_REJECTED');
    expect(JSON.parse(requestsOnDisk(folder)).requests).toEqual([]);
  });
});
