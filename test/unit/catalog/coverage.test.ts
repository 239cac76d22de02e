import { describe, expect, it } from 'vitest';
import { CONTROLS, NOT_APPLICABLE, criterionById, type ControlDef } from '../../../shared/catalog';
import { CATEGORIES, type Category } from '../../../shared/domain/workspace';
import { controlsInScope, criteriaCoverage } from '../../../shared/rules/coverage';

const OPTIONAL = CATEGORIES.filter((c) => c !== 'security');
/** Security plus every subset of the optional categories: the 16 scopes a workspace can have. */
const ALL_SCOPES: Category[][] = Array.from({ length: 1 << OPTIONAL.length }, (_, mask) => [
  'security',
  ...OPTIONAL.filter((_, i) => mask & (1 << i)),
]);

const control = (id: string, criteria: string[], category: Category = 'security'): ControlDef => ({
  id,
  title: id,
  responsibility: 'owned',
  intent: '',
  whyResponsibility: '',
  criteria,
  evidence: [],
  frequency: 'annually',
  category,
});

describe('the catalog covers every criterion', () => {
  it.each(ALL_SCOPES.map((s) => [s.join('+'), s] as const))('in scope %s: covered or N/A with a reason', (_, scope) => {
    const rows = criteriaCoverage(scope);
    const expected = { security: 33, availability: 3, confidentiality: 2, processing_integrity: 5, privacy: 18 };
    expect(rows).toHaveLength(scope.reduce((n, c) => n + expected[c], 0));
    for (const row of rows) {
      expect(row.status, row.criterion.id).not.toBe('uncovered');
      if (row.status === 'covered') expect(row.controls.length).toBeGreaterThan(0);
      if (row.status === 'not_applicable') expect(row.reason?.trim(), row.criterion.id).toBeTruthy();
      for (const id of row.controls) expect(scope).toContain(CONTROLS.find((c) => c.id === id)?.category);
    }
  });

  it('covers physical access (CC6.4) through the inherited AWS control', () => {
    const row = criteriaCoverage(['security']).find((r) => r.criterion.id === 'CC6.4');
    expect(row?.controls).toContain('aws-physical-security');
  });

  it('lists N/A criteria only when they are real, uncovered, and explained', () => {
    for (const na of NOT_APPLICABLE) {
      expect(criterionById(na.criterionId), na.criterionId).toBeDefined();
      expect(na.reason.trim().length, na.criterionId).toBeGreaterThan(20);
      expect(
        CONTROLS.some((c) => c.criteria.includes(na.criterionId)),
        `${na.criterionId} is both covered and N/A`,
      ).toBe(false);
    }
  });
});

describe('criteriaCoverage', () => {
  it('reports a criterion without a control as uncovered, and an exempted one as not applicable with its reason', () => {
    const rows = criteriaCoverage(
      ['security', 'availability'],
      [control('only-a1', ['A1.1'], 'availability')],
      [{ criterionId: 'A1.3', reason: 'No recovery commitments in contracts.' }],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.criterion.id, r]));
    expect(byId['A1.1']).toMatchObject({ status: 'covered', controls: ['only-a1'] });
    expect(byId['A1.2']).toMatchObject({ status: 'uncovered', controls: [] });
    expect(byId['A1.3']).toEqual({
      criterion: criterionById('A1.3'),
      status: 'not_applicable',
      controls: [],
      reason: 'No recovery commitments in contracts.',
    });
    expect(byId['CC1.1']?.status).toBe('uncovered');
    expect(byId['C1.1']).toBeUndefined();
  });

  it('ignores controls of categories out of scope, even when they name an in-scope criterion', () => {
    const privacyControl = control('privacy-thing', ['CC2.3', 'P1.1'], 'privacy');
    expect(criteriaCoverage(['security'], [privacyControl]).find((r) => r.criterion.id === 'CC2.3')?.status).toBe(
      'uncovered',
    );
    expect(
      criteriaCoverage(['security', 'privacy'], [privacyControl]).find((r) => r.criterion.id === 'CC2.3')?.controls,
    ).toEqual(['privacy-thing']);
  });

  it('counts a criterion with a control as covered even if it is also listed as N/A', () => {
    const [row] = criteriaCoverage(
      ['security'],
      [control('x', ['CC1.1'])],
      [{ criterionId: 'CC1.1', reason: 'stale' }],
    );
    expect(row).toMatchObject({ status: 'covered', controls: ['x'] });
    expect(row?.reason).toBeUndefined();
  });
});

describe('controlsInScope', () => {
  it('keeps security controls always and optional-category controls only when chosen', () => {
    const securityOnly = controlsInScope(['security']);
    expect(securityOnly.every((c) => c.category === 'security')).toBe(true);
    expect(securityOnly.some((c) => c.responsibility === 'inherited')).toBe(true);
    const all = controlsInScope(CATEGORIES);
    expect(all).toHaveLength(CONTROLS.length);
    const withPrivacy = controlsInScope(['security', 'privacy']);
    expect(withPrivacy.length).toBeGreaterThan(securityOnly.length);
    expect(withPrivacy.map((c) => c.id)).toContain('privacy-notice');
    expect(securityOnly.map((c) => c.id)).not.toContain('privacy-notice');
  });
});
