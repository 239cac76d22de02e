import { chmodSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportService } from '../../../main/services/evidence/import';
import { inspectImport } from '../../../main/services/evidence/import-validation';
import { WORKSPACE_TEMP_DIR } from '../../../main/services/workspace/workspace-temp';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { JPEG, officeZip, PDF, tinyPng, write } from './files';

const DETAILS = { title: 'Password policy export', effectiveDate: '2026-11-20', controlIds: ['iam-password-policy'] };

const workspaceFiles = (folder: string) => ({
  files: readdirSync(join(folder, 'evidence', 'files')).filter((n) => !n.startsWith('.')),
  temp: readdirSync(join(folder, 'evidence', 'files')).filter((n) => n.startsWith('.')),
  records: readdirSync(join(folder, 'evidence', 'records')),
});

describe('import validation by content', () => {
  it('accepts each supported type when its content matches its name', async () => {
    const dir = tempDir();
    const cases: [string, Buffer | string, string][] = [
      ['shot.png', tinyPng(), 'image/png'],
      ['photo.JPG', JPEG, 'image/jpeg'],
      ['policy.pdf', PDF, 'application/pdf'],
      ['users.csv', 'name,mfa\r\n"Jane, J",true\r\n', 'text/csv'],
      [
        'access.xlsx',
        await officeZip('xl/workbook.xml'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      [
        'policy.docx',
        await officeZip('word/document.xml'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      ['notes.txt', '\uFEFFRevisión trimestral ✓\n', 'text/plain'],
      ['policy.json', '{"PasswordPolicy":{"MinimumPasswordLength":14}}', 'application/json'],
    ];
    for (const [name, content, mediaType] of cases) {
      const inspected = await inspectImport(write(dir, name, content), name);
      expect(inspected.mediaType, name).toBe(mediaType);
    }
  });

  it.each([
    ['renamed.png', () => JPEG, /name says a PNG image, but its content is a JPEG image/],
    ['report.pdf', () => 'just text', /name says a PDF document, but its content is text/],
    ['sheet.xlsx', () => officeZip('word/document.xml'), /ZIP archive but not an Excel workbook/],
    ['doc.docx', () => Buffer.from('PK\u0003\u0004garbage'), /archive inside is damaged/],
    ['data.json', () => '{"a": 1,', /not valid JSON/],
    ['data.csv', () => 'a,b\n"unterminated,1\n', /not valid CSV/],
    ['latin1.txt', () => Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9]), /not UTF-8 text/],
    ['binary.txt', () => Buffer.from([0x41, 0x00, 0x42]), /content is binary data/],
    ['tool.exe', () => 'MZ', /type ".exe" are not supported/],
    ['empty.pdf', () => '', /the file is empty/],
  ])('refuses %s with the reason', async (name, make, reason) => {
    const dir = tempDir();
    const error = await inspectImport(write(dir, name, await make()), name).catch((e) => e);
    expect(error.code).toBe('IMPORT_REJECTED');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain(name);
    expect(error.hint).toBeTruthy();
  });

  it('refuses files over the limit and files that cannot be read', async () => {
    const dir = tempDir();
    const big = write(dir, 'big.pdf', PDF);
    truncateSync(big, 3 * 1024 * 1024);
    expect((await inspectImport(big, 'big.pdf', 2 * 1024 * 1024).catch((e) => e)).message).toMatch(
      /3 MB, over the 2 MB limit/,
    );
    expect((await inspectImport(join(dir, 'gone.pdf'), 'gone.pdf').catch((e) => e)).message).toMatch(
      /could not be read/,
    );
    expect((await inspectImport(dir, 'folder.pdf').catch((e) => e)).message).toMatch(/it is a folder, not a file/);
    if (process.getuid?.() !== 0) {
      const locked = write(dir, 'locked.pdf', PDF);
      chmodSync(locked, 0o000);
      expect((await inspectImport(locked, 'locked.pdf').catch((e) => e)).message).toMatch(/could not be read/);
    }
  });
});

describe('importing into the workspace', () => {
  it('records who imported what, when, how and its hash; identical files keep both records and one file', async () => {
    const { services, folder } = await createTestWorkspace();
    const dir = tempDir();
    const path = write(dir, 'policy.pdf', PDF);
    const first = await services.imports.importFile(path, 'policy.pdf', DETAILS, 'file picker');
    const second = await services.imports.importBytes(
      'copy-of-policy.pdf',
      readFileSync(path),
      { ...DETAILS, title: 'Same policy again' },
      'drop',
    );

    expect(first).toMatchObject({
      kind: 'document',
      mediaType: 'application/pdf',
      fileName: 'password-policy-export-2026-11-20.pdf',
      source: { type: 'import', originalName: 'policy.pdf' },
      capturedBy: { name: 'Dana Founder', email: 'dana@acme.example' },
      effectiveDate: '2026-11-20',
      controlIds: ['iam-password-policy'],
      meta: { importedVia: 'file picker' },
      size: PDF.length,
    });
    expect(first.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect(second.meta).toEqual({ importedVia: 'drag and drop' });
    expect(workspaceFiles(folder)).toEqual({
      files: [first.sha256],
      temp: [],
      records: expect.arrayContaining([`${first.id}.json`, `${second.id}.json`]),
    });

    const listed = await services.evidence.list({ controlId: 'iam-password-policy' });
    expect(listed.map((e) => e.id)).toEqual([second.id, first.id]);
    expect(listed.every((e) => e.integrity === 'ok')).toBe(true);
    const provenance = await services.evidence.provenance(first.id);
    // The seal (evidence.added, with the record's hash) and the import itself.
    expect(provenance.activity.map((a) => a.action).sort()).toEqual(['evidence.added', 'evidence.imported']);
    expect(provenance.activity.every((a) => a.actor.email === 'dana@acme.example')).toBe(true);
  });

  it('leaves nothing in the workspace when an import is refused', async () => {
    const { services, folder } = await createTestWorkspace();
    const dir = tempDir();
    await services.imports.importFile(write(dir, 'ok.png', tinyPng()), 'ok.png', DETAILS, 'file picker');
    const before = workspaceFiles(folder);
    const activityBefore = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    await expect(
      services.imports.importFile(write(dir, 'fake.png', 'not a png'), 'fake.png', DETAILS, 'file picker'),
    ).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
    await expect(services.imports.importBytes('x.png', JPEG, DETAILS, 'paste')).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
    });
    await expect(
      services.imports.importFile(
        write(dir, 'ok2.png', tinyPng(2)),
        'ok2.png',
        { ...DETAILS, controlIds: ['no-such-control'] },
        'file picker',
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(workspaceFiles(folder)).toEqual(before);
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toBe(activityBefore);
  });

  it('checks and stores a private snapshot, and leaves no snapshot behind either way', async () => {
    const { services, folder } = await createTestWorkspace();
    const snapshots = join(folder, WORKSPACE_TEMP_DIR);
    const imports = new ImportService({ workspaces: services.workspaces, pickFiles: async () => null });
    const dir = tempDir();
    const source = write(dir, 'policy.pdf', PDF);
    const record = await imports.importFile(source, 'policy.pdf', DETAILS, 'file picker');
    // The original can change afterwards: the stored file is the snapshot that was checked.
    writeFileSync(source, 'changed');
    expect(readFileSync(services.workspaces.require().evidence.filePath(record.sha256))).toEqual(PDF);
    await expect(
      imports.importFile(write(dir, 'bad.json', '{'), 'bad.json', DETAILS, 'file picker'),
    ).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
    await expect(imports.importBytes('bad.png', Buffer.from('nope'), DETAILS, 'paste')).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
    });
    expect(readdirSync(snapshots)).toEqual([]);
  });

  it('keeps picked paths in main and gives the renderer tokens only', async () => {
    const dir = tempDir();
    const path = write(dir, 'shot.png', tinyPng());
    const { services } = await createTestWorkspace({ adapters: { pickFiles: async () => [path] } } as never);
    const [picked] = await services.imports.pickFiles();
    expect(picked).toEqual({
      token: expect.stringMatching(/^[a-f0-9]{24}$/),
      name: 'shot.png',
      size: expect.any(Number),
    });
    expect(JSON.stringify(picked)).not.toContain(dir);
    const record = await services.imports.importPicked(picked!.token, DETAILS);
    expect(record.source).toEqual({ type: 'import', originalName: 'shot.png' });
    await expect(services.imports.importPicked(picked!.token, DETAILS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
