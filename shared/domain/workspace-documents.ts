import type { z } from 'zod';
import { ACCESS_REVIEWS_SCHEMA_VERSION, AccessReviewsDoc, newAccessReviewsDoc } from './access-review';
import { AWS_REPORT_REVIEW_SCHEMA_VERSION, AwsReportReviewDoc, newAwsReportReview } from './aws-report-review';
import type { Person } from './common';
import { CONTROLS_SCHEMA_VERSION, ControlsDoc } from './control-state';
import type { DocumentMigrations } from './migrations';
import { EVIDENCE_REQUESTS_SCHEMA_VERSION, EvidenceRequestsDoc, newEvidenceRequestsDoc } from './evidence-requests';
import { newRequestsDoc, REQUESTS_SCHEMA_VERSION, RequestsDoc } from './requests';
import { TEAM_SCHEMA_VERSION, TeamDoc } from './team';
import { CheckSettings, WORKSPACE_SCHEMA_VERSION, WorkspaceMeta } from './workspace';

/** What a document's default may depend on: who created the workspace and when. */
export interface DocumentDefaultContext {
  creator: Person;
  now: string;
  newId: () => string;
}

export interface WorkspaceDocumentDef<F extends string, S extends z.ZodType> {
  file: F;
  schema: S;
  migrations: DocumentMigrations;
  /**
   * What a new workspace starts with. A document without a default is written by `create` itself
   * (workspace.json, from the person's answers, and last: it is what makes a folder a workspace).
   */
  default?: (ctx: DocumentDefaultContext) => z.input<S>;
  /**
   * A document added after workspaces already existed: a workspace without the file opens with the
   * default. Otherwise a missing file means a damaged workspace and opening refuses.
   */
  addedLater?: boolean;
  /** `restoreBackup` may bring back its last-good copy from `.backup/`. */
  restorable: boolean;
}

const define = <const F extends string, S extends z.ZodType>(def: WorkspaceDocumentDef<F, S>) => def;

/**
 * Every JSON document of a workspace, in the order a new workspace writes them. Open, create,
 * restore, the migrations and the CLI's read-only loader all go through this list, so a new
 * document is one entry here (and its key becomes a property of the open workspace).
 */
export const WORKSPACE_DOCUMENTS = {
  team: define({
    file: 'team.json',
    schema: TeamDoc,
    migrations: { current: TEAM_SCHEMA_VERSION, steps: {} },
    default: ({ creator, now, newId }): TeamDoc => ({
      schemaVersion: TEAM_SCHEMA_VERSION,
      members: [{ id: newId(), name: creator.name, email: creator.email, role: 'Workspace creator', addedAt: now }],
    }),
    restorable: true,
  }),
  controls: define({
    file: 'controls.json',
    schema: ControlsDoc,
    migrations: { current: CONTROLS_SCHEMA_VERSION, steps: {} },
    default: (): ControlsDoc => ({ schemaVersion: CONTROLS_SCHEMA_VERSION, controls: {} }),
    restorable: true,
  }),
  awsReportReview: define({
    file: 'aws-report-review.json',
    schema: AwsReportReviewDoc,
    // v1 sign-offs were recorded without a key: they stay as they are (worded "recorded by").
    migrations: { current: AWS_REPORT_REVIEW_SCHEMA_VERSION, steps: { 1: (doc) => doc } },
    default: newAwsReportReview,
    addedLater: true,
    restorable: true,
  }),
  requests: define({
    file: 'requests.json',
    schema: RequestsDoc,
    migrations: { current: REQUESTS_SCHEMA_VERSION, steps: {} },
    default: newRequestsDoc,
    addedLater: true,
    restorable: true,
  }),
  accessReviews: define({
    file: 'access-reviews.json',
    schema: AccessReviewsDoc,
    migrations: { current: ACCESS_REVIEWS_SCHEMA_VERSION, steps: { 1: (doc) => doc } },
    default: newAccessReviewsDoc,
    addedLater: true,
    restorable: true,
  }),
  evidenceRequests: define({
    file: 'evidence-requests.json',
    schema: EvidenceRequestsDoc,
    migrations: { current: EVIDENCE_REQUESTS_SCHEMA_VERSION, steps: {} },
    default: newEvidenceRequestsDoc,
    addedLater: true,
    restorable: true,
  }),
  meta: define({
    file: 'workspace.json',
    schema: WorkspaceMeta,
    migrations: {
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
    restorable: true,
  }),
};

export type WorkspaceDocumentKey = keyof typeof WORKSPACE_DOCUMENTS;
export type WorkspaceDocumentFile = (typeof WORKSPACE_DOCUMENTS)[WorkspaceDocumentKey]['file'];

/** The documents of an open workspace as they are in memory. */
export type WorkspaceState = {
  [K in WorkspaceDocumentKey]: z.output<(typeof WORKSPACE_DOCUMENTS)[K]['schema']>;
};

export const workspaceDocumentEntries = () =>
  Object.entries(WORKSPACE_DOCUMENTS) as [
    WorkspaceDocumentKey,
    WorkspaceDocumentDef<WorkspaceDocumentFile, z.ZodType>,
  ][];

export const RESTORABLE_FILES: ReadonlySet<string> = new Set(
  workspaceDocumentEntries()
    .filter(([, def]) => def.restorable)
    .map(([, def]) => def.file),
);
