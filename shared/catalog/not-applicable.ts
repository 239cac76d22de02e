import type { NotApplicable } from './types';

/**
 * Criteria the catalog deliberately leaves uncovered, each with its reason. Empty: every 2017
 * criterion has at least one control (physical access, CC6.4, through the inherited AWS control).
 * A workspace-level N/A decision belongs in the workspace, not here.
 */
export const NOT_APPLICABLE: readonly NotApplicable[] = [];
