import type { ControlDef } from '../../../shared/catalog/types';
import type { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import type { ControlStatus } from '../../../shared/domain/control-state';
import type { Category } from '../../../shared/domain/workspace';
import { reportGapDays, reviewContext, reviewProblems, signatureProblems, type ReviewProblem } from '../../../shared/rules/aws-report-review';
import { reviewContentSha256 } from '../reviews/review-content-hash';
import type { BundleModel } from './bundle-model';

/** A company control named by a CUEC, as the bundle shows it. */
export interface CuecControl {
  id: string;
  /** The catalog title; empty when the id is not in the catalog. */
  title: string;
  /** Null when the control is outside the bundle's scope (or unknown): the bundle holds nothing for it. */
  status: ControlStatus | null;
  /** Evidence files in the bundle that support it. */
  evidenceCount: number;
  inScope: boolean;
  inCatalog: boolean;
}

export interface BundleCuec {
  id: string;
  text: string;
  controls: CuecControl[];
}

/** The review of AWS's SOC 2 report as the bundle shows it: the document, what is still open, the CUEC mapping resolved. */
export interface BundleAwsReview {
  review: AwsReportReviewDoc;
  problems: ReviewProblem[];
  /** Why the signature does not stand for this bundle: signed for another as-of date or categories, or changed since. */
  signatureProblems: string[];
  /** Days from the report's end to the bundle's as-of date; null until the end is recorded. */
  gapDays: number | null;
  cuecs: BundleCuec[];
}

/**
 * Why the review's signature does not stand for a bundle with this as-of date and these
 * categories (or at all: its content changed after signing). Empty when unsigned.
 */
export function bundleSignatureProblems(review: AwsReportReviewDoc, scope: { asOfDate: string; categories: readonly Category[] }): string[] {
  return signatureProblems(review.signed, { ...scope, contentMatches: !review.signed || review.signed.contentSha256 === reviewContentSha256(review) });
}

/**
 * Resolves the review against the bundle: problems and the gap are computed for the bundle's
 * as-of date and categories (the export may choose others than the workspace's, and the
 * auditor reads the bundle's), CUEC controls get the status and evidence count the bundle shows.
 */
export function bundleAwsReview(review: AwsReportReviewDoc, model: BundleModel, catalog: readonly ControlDef[]): BundleAwsReview {
  const { asOfDate, categories } = model.options;
  const inScope = new Map(model.controls.map((c) => [c.def.id, c]));
  const defs = new Map(catalog.map((d) => [d.id, d]));
  const problems = reviewProblems(review, reviewContext({ asOfDate, categories }, model.generatedAt.slice(0, 10), catalog));
  const end = review.report.periodEnd;
  return {
    review,
    problems,
    signatureProblems: bundleSignatureProblems(review, { asOfDate, categories }),
    gapDays: end ? reportGapDays(end, asOfDate) : null,
    cuecs: review.cuecs.map((cuec) => ({
      id: cuec.id,
      text: cuec.text,
      controls: cuec.controlIds.map((id): CuecControl => {
        const control = inScope.get(id);
        return {
          id,
          title: defs.get(id)?.title ?? '',
          status: control?.state.status ?? null,
          evidenceCount: control?.evidence.length ?? 0,
          inScope: control !== undefined,
          inCatalog: defs.has(id),
        };
      }),
    })),
  };
}

export const isSigned = (r: BundleAwsReview) => r.review.signed !== null;
export const blockingOf = (r: BundleAwsReview) => r.problems.filter((p) => p.severity === 'blocking');
export const warningsOf = (r: BundleAwsReview) => r.problems.filter((p) => p.severity === 'warning');
