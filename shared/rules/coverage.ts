import { CONTROLS, NOT_APPLICABLE, criteriaForCategories } from '../catalog';
import type { ControlDef, Criterion, NotApplicable } from '../catalog/types';
import type { Category } from '../domain/workspace';

export type CoverageStatus = 'covered' | 'not_applicable' | 'uncovered';

export interface CriterionCoverage {
  criterion: Criterion;
  status: CoverageStatus;
  /** Ids of the in-scope controls that support the criterion, in catalog order. */
  controls: string[];
  /** The written reason, for `not_applicable`. */
  reason?: string;
}

/**
 * The controls a workspace works on: every control whose category is in scope. Security is always
 * in scope, so the security controls (and the inherited ones) are always there.
 */
export const controlsInScope = (
  categories: readonly Category[],
  controls: readonly ControlDef[] = CONTROLS,
): ControlDef[] => controls.filter((c) => categories.includes(c.category));

/**
 * One line per criterion of the chosen categories, so nothing is silently dropped: covered by at
 * least one in-scope control, explicitly not applicable with its reason, or uncovered. A
 * criterion that has a control counts as covered even if it is also listed as not applicable.
 */
export const criteriaCoverage = (
  categories: readonly Category[],
  controls: readonly ControlDef[] = CONTROLS,
  na: readonly NotApplicable[] = NOT_APPLICABLE,
): CriterionCoverage[] => {
  const inScope = controlsInScope(categories, controls);
  return criteriaForCategories(categories).map((criterion) => {
    const ids = inScope.filter((c) => c.criteria.includes(criterion.id)).map((c) => c.id);
    if (ids.length > 0) return { criterion, status: 'covered', controls: ids };
    const exempt = na.find((n) => n.criterionId === criterion.id);
    if (exempt) return { criterion, status: 'not_applicable', controls: [], reason: exempt.reason };
    return { criterion, status: 'uncovered', controls: [] };
  });
};
