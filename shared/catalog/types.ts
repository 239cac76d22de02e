import type { Category } from '../domain/workspace';

export type Responsibility = 'inherited' | 'owned' | 'shared';

export const RESPONSIBILITY_LABELS: Record<Responsibility, string> = {
  inherited: 'Inherited from AWS',
  owned: 'Owned by you',
  shared: 'Shared',
};

/** CC1..CC9 for the common criteria; A, C, PI, P for the optional categories. */
export type CriteriaGroup =
  'CC1' | 'CC2' | 'CC3' | 'CC4' | 'CC5' | 'CC6' | 'CC7' | 'CC8' | 'CC9' | 'A' | 'C' | 'PI' | 'P';

export interface Criterion {
  /** As the AICPA writes it: `CC6.1`, `A1.2`, `P4.3`. */
  id: string;
  group: CriteriaGroup;
  category: Category;
  /** One-line plain-language paraphrase of the 2017 TSC text. */
  summary: string;
}

/** What will prove a control. */
export type ExpectedEvidence =
  | { type: 'check'; checkId: string; title: string }
  | {
      type: 'screenshot';
      /** Stable id of the guided screenshot request, e.g. `shot.iam-password-policy`. */
      id: string;
      title: string;
      /** What the screenshot must show. */
      what: string;
      /** Why an auditor wants it. */
      why: string;
      /** Where: `aws` console pages take a path on the console host; `web` are other tools. */
      where:
        { kind: 'aws'; service: string; path: string; regional: boolean } | { kind: 'web'; tool: string; hint: string };
    }
  | { type: 'document'; id: string; title: string; description: string }
  | { type: 'aws_report'; title: string; description: string };

export type Frequency = 'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annually' | 'per_event';

export interface ControlDef {
  /** Stable, kebab-case, never renamed: workspaces and evidence refer to it. */
  id: string;
  title: string;
  responsibility: Responsibility;
  /** Plain language: what the control means. */
  intent: string;
  /** Plain language: why it is the company's, AWS's, or both. */
  whyResponsibility: string;
  /** For shared controls: what AWS does and what the company does. */
  split?: { aws: string; company: string };
  criteria: string[];
  evidence: ExpectedEvidence[];
  frequency: Frequency;
  /** Category the control belongs to when it only matters for an optional category. */
  category: Category;
}

/** A criterion the catalog deliberately does not cover, with the written reason. */
export interface NotApplicable {
  criterionId: string;
  reason: string;
}

export type ScreenshotRequest = Extract<ExpectedEvidence, { type: 'screenshot' }>;
export type DocumentRequest = Extract<ExpectedEvidence, { type: 'document' }>;
