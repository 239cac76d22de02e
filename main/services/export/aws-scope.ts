import type { EvidenceRecord } from '../../../shared/domain/evidence';
import type { BundleModel } from './bundle-model';

/** The bundle's AWS scope in one sentence, as index.pdf and index.html state it. */
export function awsScopeSentence({ scope }: Pick<BundleModel, 'scope'>): string {
  const accounts =
    scope.accounts.length === 0
      ? 'No AWS accounts were chosen: the findings are those of the account the AWS profile signs in to.'
      : `AWS account${scope.accounts.length === 1 ? '' : 's'} in scope: ${scope.accounts.join(', ')}. A finding counts only for the account it was collected in.`;
  const regions = scope.regions
    ? ` Regions read by the regional checks: ${scope.regions.join(', ')}.`
    : ' Regions read by the regional checks: every region each account has enabled.';
  return accounts + regions;
}

/** The heading of a control's findings: one per check and account in scope. */
export const FINDINGS_HEADING = 'Automated checks (latest run per account in scope)';

/** Where a finding was collected, for its line in the bundle. */
export const accountLabel = (record: EvidenceRecord) =>
  record.aws
    ? `AWS account ${record.aws.accountId}${record.aws.accountAlias ? ` (${record.aws.accountAlias})` : ''}`
    : '';

/** Evidence from accounts outside the scope, one row each: listed apart, never a control's result. */
export const outOfScopeRows = (model: Pick<BundleModel, 'outOfAccountScope'>) =>
  model.outOfAccountScope.map((r) => ({
    id: r.id,
    title: r.title,
    account: r.aws?.accountId ?? '',
    check: r.checkId ?? '',
    capturedAt: r.capturedAt,
  }));

export const OUT_OF_SCOPE_INTRO =
  'Evidence collected in AWS accounts outside the scope. It is not any control’s result and its files are not in this bundle (unless a request links one).';
