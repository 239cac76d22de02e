import { AVAILABILITY_CONFIDENTIALITY_CONTROLS } from './controls/availability-confidentiality';
import { GOVERNANCE_CONTROLS } from './controls/governance';
import { IAM_CONTROLS } from './controls/iam';
import { INFRASTRUCTURE_CONTROLS } from './controls/infrastructure';
import { INHERITED_CONTROLS } from './controls/inherited';
import { MONITORING_CONTROLS } from './controls/monitoring';
import { OPERATIONS_CONTROLS } from './controls/operations';
import { PRIVACY_CONTROLS } from './controls/privacy';
import { PROCESSING_INTEGRITY_CONTROLS } from './controls/processing-integrity';
import { RISK_CONTROLS } from './controls/risk';
import { SHARED_CONTROLS } from './controls/shared';
import { CHECKS, checksForControl } from '../checks/registry';
import { SCREENSHOTS, checkEvidence } from './evidence';
import type { ControlDef, ScreenshotRequest } from './types';

export { CHECKS, CHECK_IDS, checkById, isCheckId, type CheckId } from '../checks/registry';
export {
  CRITERIA,
  CRITERIA_GROUPS,
  GROUP_LABELS,
  criteriaForCategories,
  criterionById,
  groupsForCategories,
} from './criteria';
export { SCREENSHOTS } from './evidence';
export { NOT_APPLICABLE } from './not-applicable';
export * from './types';

const WRITTEN: readonly ControlDef[] = [
  ...INHERITED_CONTROLS,
  ...IAM_CONTROLS,
  ...INFRASTRUCTURE_CONTROLS,
  ...MONITORING_CONTROLS,
  ...OPERATIONS_CONTROLS,
  ...GOVERNANCE_CONTROLS,
  ...RISK_CONTROLS,
  ...AVAILABILITY_CONFIDENTIALITY_CONTROLS,
  ...PROCESSING_INTEGRITY_CONTROLS,
  ...PRIVACY_CONTROLS,
  ...SHARED_CONTROLS,
];

/**
 * The whole catalog, inherited first, then owned, then shared, as the UI lists them. A control's
 * automated checks come first in its evidence, from the check registry.
 */
export const CONTROLS: readonly ControlDef[] = WRITTEN.map((c) => ({
  ...c,
  evidence: [...checksForControl(c.id).map(checkEvidence), ...c.evidence],
}));

/**
 * The owned control that records the review of AWS's SOC 2 report. Inherited controls are
 * satisfied through it (see shared/rules/readiness.ts).
 */
export const AWS_REPORT_REVIEW_CONTROL_ID = 'vendor-risk-management';

/** The control the access reviews are evidence for (CC6.2, CC6.3): their population, decisions and sign-off link to it. */
export const ACCESS_REVIEW_CONTROL_ID = 'access-reviews';

const BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));

for (const check of CHECKS)
  for (const id of check.controls)
    if (!BY_ID.has(id)) throw new Error(`Check "${check.id}" claims to prove unknown control "${id}"`);

export const controlById = (id: string): ControlDef | undefined => BY_ID.get(id);

/** Controls whose expected evidence includes the check: the controls a check's evidence is linked to. */
export const controlsForCheck = (checkId: string): ControlDef[] =>
  CONTROLS.filter((c) => c.evidence.some((e) => e.type === 'check' && e.checkId === checkId));

/** A guided screenshot request and every control it proves; undefined for an unknown id. */
export const screenshotRequest = (id: string): (ScreenshotRequest & { controlIds: string[] }) | undefined => {
  const request = SCREENSHOTS.find((s) => s.id === id);
  if (!request) return undefined;
  const controlIds = CONTROLS.filter((c) => c.evidence.some((e) => e.type === 'screenshot' && e.id === id)).map(
    (c) => c.id,
  );
  return { ...request, controlIds };
};
