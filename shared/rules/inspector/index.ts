import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { judgeRegionsInUse } from '../account/region-usage';
import { need } from '../iam/snapshot';
import { names, plural, type InRegion } from '../regional';

const inRegion = <T>(readings: InRegion<T>[] | undefined, region: string) => readings?.find((r) => r.region === region);

/** BatchGetAccountStatus for the caller's account in one region. */
export interface InspectorRegion {
  status?: string;
  /** `ec2`, `ecr`, `lambda`, `lambdaCode` → ENABLED, DISABLED, ... */
  resources: Record<string, string | undefined>;
}

export interface InspectorSourceValues {
  inspectorStatus: InRegion<InspectorRegion>[];
}

/** The resource types Amazon Inspector scans that an account on AWS typically runs (EC2 only where instances run). */
export const INSPECTOR_TYPES = ['ec2', 'ecr', 'lambda'] as const;

/** Judged in the regions in use (where the account has resources), like GuardDuty, EBS default and Config. */
export function inspectorEnabled(input: RuleInput): RuleOutcome {
  const { snapshot } = input;
  return judgeRegionsInUse(
    input,
    need(snapshot, 'inspectorStatus'),
    (region) => ({ arn: regionArn(snapshot, 'inspector2', region), name: region }),
    (region, value) => {
      const instances = inRegion(snapshot.ec2Instances, region);
      // EC2 scanning is asked only where the account runs instances; unread or not collected counts as running.
      const noInstances = instances !== undefined && 'value' in instances && instances.value.length === 0;
      const needed = INSPECTOR_TYPES.filter((t) => t !== 'ec2' || !noInstances);
      const off = needed.filter((t) => value.resources[t] !== 'ENABLED');
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
                ? noInstances
                  ? 'Scanning ECR and Lambda (EC2 not needed: no instances here).'
                  : 'Scanning EC2, ECR and Lambda.'
                : `Not scanning ${off.join(', ')}.`,
          facts: {
            status: value.status ?? null,
            ...value.resources,
            ...(instances && 'value' in instances ? { ec2Instances: instances.value.length } : {}),
          },
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
