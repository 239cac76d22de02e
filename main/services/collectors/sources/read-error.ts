import type { FindingError } from '../../../../shared/domain/findings';
import { mapAwsError } from '../../aws/errors';

/** One resource's failed read as the finding shows it (the bucket whose policy denies the reader). */
export function readError(e: unknown, action: string): FindingError {
  const m = mapAwsError(e, { action });
  return {
    code: m.code,
    message: m.message,
    ...(m.hint ? { hint: m.hint } : {}),
    ...(m.code === 'ACCESS_DENIED'
      ? { missingAction: (m.details?.missingPermission as string | undefined) ?? action }
      : {}),
  };
}
