import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { judgeRegionsInUse } from '../account/region-usage';
import { need } from '../iam/snapshot';
import { names, plural, type InRegion } from '../regional';

/** DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus in one region. */
export interface ConfigRegion {
  recorders: {
    name: string;
    allSupported?: boolean;
    includeGlobalResourceTypes?: boolean;
    exclusions?: string[];
  }[];
  statuses: { name: string; recording?: boolean; lastStatus?: string; lastErrorMessage?: string }[];
}

export interface ConfigSourceValues {
  configRecorders: InRegion<ConfigRegion>[];
}

export function configRecorder(input: RuleInput): RuleOutcome {
  const { snapshot } = input;
  return judgeRegionsInUse(
    input,
    need(snapshot, 'configRecorders'),
    (region) => ({ arn: regionArn(snapshot, 'config', region), name: region }),
    (region, { recorders, statuses }) => {
      const arn = regionArn(snapshot, 'config', region);
      if (recorders.length === 0)
        return [
          { arn, name: region, region, result: 'fail', detail: 'AWS Config has never been set up here (no recorder).' },
        ];
      return recorders.map((r) => {
        const s = statuses.find((x) => x.name === r.name);
        const gaps: string[] = [];
        if (!r.allSupported) gaps.push('it does not record all supported resource types');
        if (!s?.recording) gaps.push('it is not recording');
        if (s?.lastStatus === 'Failure')
          gaps.push(`its last recording failed${s.lastErrorMessage ? `: ${s.lastErrorMessage}` : ''}`);
        return {
          arn: `${arn}configuration-recorder/${r.name}`,
          name: region,
          region,
          result: gaps.length === 0 ? 'pass' : 'fail',
          detail:
            gaps.length === 0
              ? `Recorder ${r.name} records all supported resources${r.includeGlobalResourceTypes ? ', global ones included,' : ''} and is running.`
              : `Recorder ${r.name}: ${gaps.join('; ')}.`,
          facts: { ...r, recording: s?.recording ?? false, lastStatus: s?.lastStatus ?? null },
        };
      });
    },
    {
      pass: (e) => `AWS Config records all supported resources in every region in use (${plural(e.length, 'region')}).`,
      fail: (f) => `AWS Config is not recording everything in ${names(f)}.`,
      none: 'No region in use could be read for AWS Config.',
    },
  );
}
