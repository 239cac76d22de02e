import type { ScreenshotStep } from '../context';
import { foundationSteps } from './foundation';
import { awsSteps } from './aws';
import { checksSteps } from './checks';
import { evidenceSteps } from './evidence';
import { evidenceTamperedSteps } from './evidence-tampered';
import { catalogRequestSteps } from './catalog-requests';
import { exportSteps } from './export';
import { exportSigningSteps } from './export-signing';
import { awsReportSteps } from './aws-report';
import { appearanceSteps } from './appearance';
import { multiAccountSteps } from './multi-account';
import { accessReviewSteps } from './access-reviews';
import { sampleCompanySteps } from './sample-company';
import { requestsSteps } from './requests';
import { signOffSteps } from './sign-offs';
import { progressSteps } from './progress';

/** Every screenshot step, in order; features append theirs. */
export const STEPS: ScreenshotStep[] = [
  ...foundationSteps,
  ...awsSteps,
  ...checksSteps,
  ...multiAccountSteps,
  ...evidenceSteps,
  ...evidenceTamperedSteps,
  ...catalogRequestSteps,
  ...exportSteps,
  ...exportSigningSteps,
  ...progressSteps,
  ...awsReportSteps,
  ...signOffSteps,
  ...accessReviewSteps,
  ...requestsSteps,
  ...appearanceSteps,
  ...sampleCompanySteps,
];
