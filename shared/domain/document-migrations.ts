import type { DocumentMigrations } from './migrations';
import { CheckSettings, WORKSPACE_SCHEMA_VERSION } from './workspace';
import { TEAM_SCHEMA_VERSION } from './team';
import { CONTROLS_SCHEMA_VERSION } from './control-state';
import { AWS_REPORT_REVIEW_SCHEMA_VERSION } from './aws-report-review';

/** The upgrade path of every workspace document, by file name. */
export const DOCUMENT_MIGRATIONS: Record<
  'workspace.json' | 'team.json' | 'controls.json' | 'aws-report-review.json',
  DocumentMigrations
> = {
  'workspace.json': {
    current: WORKSPACE_SCHEMA_VERSION,
    steps: {
      // v1 predates automated checks and the AWS connection: give it their defaults.
      1: (doc) => ({
        ...doc,
        checkSettings: CheckSettings.parse({}),
        aws: { accountIds: [] },
      }),
    },
  },
  'team.json': { current: TEAM_SCHEMA_VERSION, steps: {} },
  'controls.json': { current: CONTROLS_SCHEMA_VERSION, steps: {} },
  'aws-report-review.json': { current: AWS_REPORT_REVIEW_SCHEMA_VERSION, steps: {} },
};
