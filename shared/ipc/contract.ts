import type { z } from 'zod';
import { activityChannels, identityChannels, teamChannels, workspaceChannels } from './channels/workspace';
import { controlsChannels } from './channels/controls';
import { awsChannels } from './channels/aws';
import { evidenceChannels } from './channels/evidence';
import { evidenceRequestsChannels } from './channels/evidence-requests';
import { captureChannels } from './channels/capture';
import { checksChannels } from './channels/checks';
import { exportChannels } from './channels/export';
import { awsReportChannels } from './channels/aws-report';
import { requestsChannels } from './channels/requests';
import { signingChannels } from './channels/signing';
import { appChannels } from './channels/app';
import { regionsChannels } from './channels/regions';
import { accessReviewChannels } from './channels/access-review';
import { events } from './events';

/**
 * The one place that names IPC channels: `domain.method` -> input schema -> output type.
 * Main, preload, renderer and tests all derive from this object.
 */
export const contract = {
  workspace: workspaceChannels,
  identity: identityChannels,
  team: teamChannels,
  controls: controlsChannels,
  activity: activityChannels,
  aws: awsChannels,
  evidence: evidenceChannels,
  evidenceRequests: evidenceRequestsChannels,
  capture: captureChannels,
  export: exportChannels,
  checks: checksChannels,
  awsReport: awsReportChannels,
  requests: requestsChannels,
  signing: signingChannels,
  app: appChannels,
  regions: regionsChannels,
  accessReview: accessReviewChannels,
};

export type Contract = typeof contract;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export { events };
