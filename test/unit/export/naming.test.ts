import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { guardCell, toCsv } from '../../../main/services/export/csv';
import {
  MAX_FLAGGED_ENTITY_ROWS,
  MAX_PASSING_ENTITY_ROWS,
  pdfEntityRows,
} from '../../../main/services/export/pdf/control-pages';
import { compressionLevelFor, evidencePath, slugify, unsafeEntryReason } from '../../../main/services/export/layout';
import { parseSums, formatSums } from '../../../main/services/export/sha256sums';

describe('bundle names', () => {
  it('slugs are lowercase ASCII, never empty, and bounded', () => {
    expect(slugify('Café – Ünïcode & Co.')).toBe('cafe-unicode-co');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('日本語')).toBe('file');
    expect(slugify('a'.repeat(200)).length).toBe(60);
  });

  it('evidence paths follow evidence/<control>/<id>-<slug>.<ext> whatever the record says', () => {
    expect(
      evidencePath(
        { id: 'ev_abc123', fileName: 'IAM users (prod).PNG', mediaType: 'image/png' },
        'iam-mfa-enforcement',
      ),
    ).toBe('evidence/iam-mfa-enforcement/ev_abc123-iam-users-prod.png');
    expect(
      evidencePath({ id: 'ev_abc123', fileName: '/etc/\u0000passwd', mediaType: 'application/json' }, '../x'),
    ).toBe('evidence/x/ev_abc123-etc-passwd.json');
    expect(
      evidencePath({ id: 'ev_abc123', fileName: 'x'.repeat(300), mediaType: 'text/csv' }, 'c').length,
    ).toBeLessThan(100);
  });

  it('flags every unsafe entry name and accepts normal ones', () => {
    expect(unsafeEntryReason('evidence/a/b.png')).toBeNull();
    expect(unsafeEntryReason('../x')).toMatch(/climbs out/);
    expect(unsafeEntryReason('a/../../x')).toMatch(/climbs out/);
    expect(unsafeEntryReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeEntryReason('C:/Windows/x')).toMatch(/absolute/);
    expect(unsafeEntryReason('a\\b')).toMatch(/backslash/);
    expect(unsafeEntryReason('a/\u001b[2Jb')).toMatch(/control/);
    expect(unsafeEntryReason('a//b')).toMatch(/empty/);
    expect(unsafeEntryReason(`a/${'b'.repeat(130)}`)).toMatch(/segment longer/);
    expect(unsafeEntryReason('c/'.repeat(130))).toMatch(/longer than 240/);
  });

  it('stores already-compressed formats and deflates text', () => {
    expect(compressionLevelFor('image/png')).toBe(0);
    expect(compressionLevelFor('application/pdf')).toBe(0);
    expect(compressionLevelFor('application/json')).toBe(6);
    expect(compressionLevelFor('text/csv; charset=utf-8')).toBe(6);
  });
});

describe('CSV cells', () => {
  it('defuses formulas in text and leaves numbers and plain text alone', () => {
    for (const bad of ['=1+1', '+1', '-cmd', '@SUM(A1)', '\t=x', '\r=x', '\n=1+2', '  =1+2', '\uFF1D1+2'])
      expect(guardCell(bad)).toBe(`'${bad}`);
    expect(guardCell('Dana Founder')).toBe('Dana Founder');
    expect(guardCell(-5)).toBe(-5);
  });
});

describe('bundle CSV encoding', () => {
  it('keeps a multi-line cell in its row, so a line that starts with = never becomes a cell of its own', () => {
    const csv = toCsv(
      ['Title', 'Notes'],
      [
        ['Root MFA', 'line one\nline two\r\nline three'],
        ['Sneaky', 'fine\n=1+2'],
      ],
    );
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['Title', 'Notes'],
      ['Root MFA', 'line one\nline two\r\nline three'],
      ['Sneaky', 'fine\n=1+2'],
    ]);
    expect(rows.flat().some((cell) => cell.startsWith('='))).toBe(false);
  });
});

describe('SHA256SUMS', () => {
  it('round-trips and reports malformed lines', () => {
    const lines = [{ sha256: 'a'.repeat(64), path: 'evidence/x y.png' }];
    expect(parseSums(formatSums(lines).toString())).toEqual({ lines, errors: [] });
    expect(parseSums(`${'a'.repeat(64)} *bin.dat\nnot a line\n`)).toEqual({
      lines: [{ sha256: 'a'.repeat(64), path: 'bin.dat' }],
      errors: ['SHA256SUMS line 2 is not "<sha256>  <file>"'],
    });
  });
});

describe('entities in index.pdf', () => {
  it('lists every failing entity up to a memory bound, and only a sample of those that passed', () => {
    const entity = (i: number, result: 'fail' | 'pass' | 'needs_review') => ({
      arn: `arn:aws:iam::111122223333:user/u-${i}`,
      result,
      detail: result,
    });
    const entities = [
      ...Array.from({ length: 40 }, (_, i) => entity(i, 'pass')),
      ...Array.from({ length: 30 }, (_, i) => entity(100 + i, 'fail')),
      entity(999, 'needs_review'),
    ];
    const rows = pdfEntityRows(entities);
    expect(rows.shown.filter((e) => e.result !== 'pass')).toHaveLength(31);
    expect(rows.shown.filter((e) => e.result === 'pass')).toHaveLength(MAX_PASSING_ENTITY_ROWS);
    expect(rows).toMatchObject({ omittedFlagged: 0, omittedPassing: 40 - MAX_PASSING_ENTITY_ROWS });
    const many = pdfEntityRows(Array.from({ length: MAX_FLAGGED_ENTITY_ROWS + 7 }, (_, i) => entity(i, 'fail')));
    expect(many).toMatchObject({ omittedFlagged: 7, omittedPassing: 0 });
  });
});
