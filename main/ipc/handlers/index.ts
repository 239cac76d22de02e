import type { Services } from '../../services/create-services';
import type { Handlers } from '../router';
import { controlsHandlers } from './controls';
import { awsHandlers } from './aws';
import { captureHandlers } from './capture';
import { evidenceHandlers } from './evidence';
import { evidenceRequestsHandlers } from './evidence-requests';
import { exportHandlers } from './export';
import { checksHandlers } from './checks';
import { awsReportHandlers } from './aws-report';
import { requestsHandlers } from './requests';
import { signingHandlers } from './signing';
import { appHandlers } from './app';
import { regionsHandlers } from './regions';
import { accessReviewHandlers } from './access-review';
import { activityHandlers, identityHandlers, teamHandlers, workspaceHandlers } from './workspace';

/** Every contract domain mapped to its handlers; the type makes a missing channel a compile error. */
export const createHandlers = (s: Services): Handlers => ({
  workspace: workspaceHandlers(s),
  identity: identityHandlers(s),
  team: teamHandlers(s),
  controls: controlsHandlers(s),
  activity: activityHandlers(s),
  aws: awsHandlers(s),
  evidence: evidenceHandlers(s),
  evidenceRequests: evidenceRequestsHandlers(s),
  capture: captureHandlers(s),
  export: exportHandlers(s),
  checks: checksHandlers(s),
  awsReport: awsReportHandlers(s),
  requests: requestsHandlers(s),
  signing: signingHandlers(s),
  app: appHandlers(s),
  regions: regionsHandlers(s),
  accessReview: accessReviewHandlers(s),
});
