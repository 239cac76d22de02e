import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { judgeRegionsInUse } from '../account/region-usage';
import { need } from '../iam/snapshot';
import { names, plural, type InRegion } from '../regional';

/** ListDetectors, then GetDetector for each: GuardDuty in one region. */
export interface GuardDutyRegion {
  detectors: {
    detectorId: string;
    Status?: string;
    FindingPublishingFrequency?: string;
    Features?: { Name?: string; Status?: string }[];
  }[];
}

export interface GuardDutySourceValues {
  guardDutyDetectors: InRegion<GuardDutyRegion>[];
}

export function guardDutyEnabled(input: RuleInput): RuleOutcome {
  const { snapshot } = input;
  return judgeRegionsInUse(
    input,
    need(snapshot, 'guardDutyDetectors'),
    (region) => ({ arn: regionArn(snapshot, 'guardduty', region), name: region }),
    (region, { detectors }) => {
      const enabled = detectors.find((d) => d.Status === 'ENABLED');
      const arn = enabled
        ? `arn:${snapshot.partition}:guardduty:${region}:${snapshot.accountId}:detector/${enabled.detectorId}`
        : regionArn(snapshot, 'guardduty', region);
      const features = (enabled?.Features ?? []).map((f) => `${f.Name}: ${f.Status}`);
      return [
        {
          arn,
          name: region,
          region,
          result: enabled ? 'pass' : 'fail',
          detail: enabled
            ? `Detector ${enabled.detectorId} is enabled${features.length ? `; features ${features.join(', ')}` : ''}.`
            : detectors.length === 0
              ? 'GuardDuty has never been enabled here (no detector).'
              : `The detector is ${detectors[0]!.Status ?? 'not enabled'}.`,
          facts: {
            detectors: detectors.map((d) => ({ id: d.detectorId, status: d.Status, features: d.Features ?? [] })),
          },
        },
      ];
    },
    {
      pass: (e) => `GuardDuty is enabled in every region in use (${plural(e.length, 'region')}).`,
      fail: (f) => `GuardDuty is not enabled in ${names(f)}.`,
      none: 'No region in use could be read for GuardDuty.',
    },
  );
}
