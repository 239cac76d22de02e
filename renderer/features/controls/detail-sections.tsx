import type { ComponentType } from 'react';
import { ControlFindings } from '../checks/ControlFindings';
import { ScreenshotRequestsSection } from '../capture/ScreenshotRequestsSection';
import { ControlEvidenceSection } from '../evidence/ControlEvidenceSection';
import { ControlReviewSection } from '../aws-report/ControlReviewSection';

export interface ControlDetailSection {
  id: string;
  component: ComponentType<{ controlId: string }>;
}

/**
 * Extra sections on a control's page (findings, captures, evidence), registered by the
 * features that own them so the detail page does not grow with every feature.
 */
export const CONTROL_DETAIL_SECTIONS: ControlDetailSection[] = [
  { id: 'aws-report-review', component: ControlReviewSection },
  { id: 'findings', component: ControlFindings },
  { id: 'screenshots', component: ScreenshotRequestsSection },
  { id: 'evidence', component: ControlEvidenceSection },
];
