import { accountArn, need } from '../snapshot';
import type { RuleInput, RuleOutcome } from '../../../checks/types';

export function passwordPolicy({ snapshot, settings }: RuleInput): RuleOutcome {
  const policy = need(snapshot, 'passwordPolicy');
  const arn = accountArn(snapshot);
  if (policy === null) {
    return {
      result: 'fail',
      summary: 'The account has no IAM password policy (AWS defaults apply).',
      entities: [
        {
          arn,
          name: 'account',
          result: 'fail',
          detail: 'GetAccountPasswordPolicy answered NoSuchEntity.',
          facts: { passwordPolicy: null },
        },
      ],
    };
  }
  const length = policy.MinimumPasswordLength ?? 0;
  const reuse = policy.PasswordReusePrevention ?? 0;
  const gaps: string[] = [];
  if (length < settings.passwordMinLength)
    gaps.push(`minimum length is ${length}, the baseline is ${settings.passwordMinLength}`);
  if (reuse < settings.passwordReusePrevention) {
    gaps.push(
      `${reuse === 0 ? 'password reuse is not prevented' : `reuse prevention remembers ${reuse} passwords`}, the baseline is ${settings.passwordReusePrevention}`,
    );
  }
  const facts = { ...policy };
  if (gaps.length > 0) {
    return {
      result: 'fail',
      summary: `The password policy is below the baseline: ${gaps.join('; ')}.`,
      entities: [{ arn, name: 'account', result: 'fail', detail: gaps.join('; ') + '.', facts }],
    };
  }
  return {
    result: 'pass',
    summary: `The password policy requires at least ${length} characters and prevents reuse of the last ${reuse} passwords.`,
    entities: [{ arn, name: 'account', result: 'pass', detail: `Length ${length}, reuse prevention ${reuse}.`, facts }],
  };
}
