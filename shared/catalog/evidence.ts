import type { CheckDefinition } from '../checks/types';
import { AWS_SCREENSHOTS } from './screenshots/aws';
import { WEB_SCREENSHOTS } from './screenshots/web';
import type { DocumentRequest, ExpectedEvidence, ScreenshotRequest } from './types';

/** Every guided screenshot request; a request may prove several controls. */
export const SCREENSHOTS: readonly ScreenshotRequest[] = [...AWS_SCREENSHOTS, ...WEB_SCREENSHOTS];

const SHOTS_BY_ID = new Map(SCREENSHOTS.map((s) => [s.id, s]));

/** How a control page lists a check that proves it (the registry says which controls it proves). */
export const checkEvidence = (def: CheckDefinition): ExpectedEvidence => ({
  type: 'check',
  checkId: def.id,
  title: def.title,
});

/** Builders used by the control files; an unknown id fails when the catalog loads, not later in the UI. */
export const shot = (id: string): ScreenshotRequest => {
  const def = SHOTS_BY_ID.get(id);
  if (!def) throw new Error(`Catalog refers to unknown screenshot request "${id}"`);
  return def;
};

export const doc = (id: string, title: string, description: string): DocumentRequest => ({
  type: 'document',
  id,
  title,
  description,
});

/** The review of AWS's SOC 2 report, recorded once, is what proves every inherited control. */
export const awsReport = (description: string): ExpectedEvidence => ({
  type: 'aws_report',
  title: "Review of AWS's SOC 2 Type 2 report",
  description,
});
