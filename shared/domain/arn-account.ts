/** The account id an ARN names (`arn:aws:ec2:eu-west-1:111122223333:vpc/…`), or undefined when it names none (S3 buckets). */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts.length > 5 && /^\d{12}$/.test(parts[4]!) ? parts[4] : undefined;
}

/** Whether a finding's entities live in more than one account, so each row should say which. */
export function spansAccounts(arns: readonly string[]): boolean {
  return new Set(arns.map(arnAccount).filter((a): a is string => a !== undefined)).size > 1;
}
