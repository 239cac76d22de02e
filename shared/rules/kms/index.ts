import type { FindingEntity, FindingError } from '../../domain/findings';
import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { need } from '../iam/snapshot';
import { judgeRegions, names, plural, unreadable, type InRegion } from '../regional';

/** A customer-managed symmetric key (DescribeKey) and its GetKeyRotationStatus. */
export interface KmsKey {
  KeyId: string;
  Arn: string;
  KeyState?: string;
  Description?: string;
  rotation:
    | { KeyRotationEnabled?: boolean; RotationPeriodInDays?: number; NextRotationDate?: string }
    | { error: FindingError };
}

export interface KmsSourceValues {
  /** Only enabled customer-managed SYMMETRIC_DEFAULT keys with AWS_KMS key material: the ones that can rotate. */
  kmsKeys: InRegion<KmsKey[]>[];
}

export function kmsRotation({ snapshot }: RuleInput): RuleOutcome {
  return judgeRegions(
    need(snapshot, 'kmsKeys'),
    (region) => ({ arn: regionArn(snapshot, 'kms', region), name: region }),
    (region, keys) =>
      keys.map((k): FindingEntity => {
        const name = k.Description ? `${k.KeyId} (${k.Description})` : k.KeyId;
        if ('error' in k.rotation) return unreadable(k.Arn, name, region, k.rotation.error);
        const r = k.rotation;
        return {
          arn: k.Arn,
          name,
          region,
          result: r.KeyRotationEnabled ? 'pass' : 'fail',
          detail: r.KeyRotationEnabled
            ? `Rotates every ${r.RotationPeriodInDays ?? 365} days${r.NextRotationDate ? `; next ${r.NextRotationDate.slice(0, 10)}` : ''}.`
            : 'Automatic key rotation is off.',
          facts: { ...r },
        };
      }),
    {
      pass: (e) => `Every customer-managed symmetric key (${e.length}) rotates.`,
      fail: (f) => `${plural(f.length, 'customer-managed key')} without rotation: ${names(f)}.`,
      none: 'There are no customer-managed symmetric keys in the regions in use (AWS managed keys rotate every year).',
    },
  );
}
