import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { judgeRegionsInUse } from '../account/region-usage';
import { need } from '../iam/snapshot';
import { names, plural, type InRegion } from '../regional';

/** BatchGetAccountStatus for the caller's account in one region. */
export interface InspectorRegion {
  status?: string;
  /** `ec2`, `ecr`, `lambda`, `lambdaCode` → ENABLED, DISABLED, ... */
  resources: Record<string, string | undefined>;
}

export interface InspectorSourceValues {
  inspectorStatus: InRegion<InspectorRegion>[];
}

/** The resource types Amazon Inspector scans that an account on AWS typically runs. */
export const INSPECTOR_TYPES = ['ec2', 'ecr', 'lambda'] as const;

/** Judged in the regions in use (where the account has resources), like GuardDuty, EBS default and Config. */
export function inspectorEnabled(input: RuleInput): RuleOutcome {
  const { snapshot } = input;
  return judgeRegionsInUse(
    input,
    need(snapshot, 'inspectorStatus'),
    (region) => ({ arn: regionArn(snapshot, 'inspector2', region), name: region }),
    (region, value) => {
      const off = INSPECTOR_TYPES.filter((t) => value.resources[t] !== 'ENABLED');
      return [
        {
          arn: regionArn(snapshot, 'inspector2', region),
          name: region,
          region,
          result: off.length === 0 ? 'pass' : 'fail',
          detail:
            value.status !== 'ENABLED'
              ? `Amazon Inspector is ${value.status ?? 'not enabled'} here.`
              : off.length === 0
                ? 'Scanning EC2, ECR and Lambda.'
                : `Not scanning ${off.join(', ')}.`,
          facts: { status: value.status ?? null, ...value.resources },
        },
      ];
    },
    {
      pass: (e) => `Amazon Inspector scans EC2, ECR and Lambda in every region in use (${plural(e.length, 'region')}).`,
      fail: (f) => `Amazon Inspector is off or partial in ${names(f)}.`,
      none: 'No region in use could be read for Amazon Inspector.',
    },
  );
}
