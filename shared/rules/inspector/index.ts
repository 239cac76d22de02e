import type { FindingError } from '../../domain/findings';
import type { RuleInput, RuleOutcome, Snapshot } from '../../checks/types';
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
  /** ECR DescribeRepositories: where Inspector must scan ECR images. */
  ecrRepositories: InRegion<{ repositoryName: string; repositoryArn?: string }[]>[];
  /** Lambda ListFunctions: where Inspector must scan Lambda functions. */
  lambdaFunctions: InRegion<{ FunctionName: string; FunctionArn?: string }[]>[];
}

/** The resource types Amazon Inspector scans that an account on AWS typically runs. */
export const INSPECTOR_TYPES = ['ec2', 'ecr', 'lambda'] as const;
type InspectorType = (typeof INSPECTOR_TYPES)[number];

/** Each type is asked for only where its listing shows resources of it: instances, repositories, functions. */
const USAGE = {
  ec2: { label: 'EC2', source: 'ec2Instances', what: 'instances', listed: 'the EC2 instances' },
  ecr: { label: 'ECR', source: 'ecrRepositories', what: 'repositories', listed: 'the ECR repositories' },
  lambda: { label: 'Lambda', source: 'lambdaFunctions', what: 'functions', listed: 'the Lambda functions' },
} as const satisfies Record<InspectorType, { label: string; source: keyof Snapshot; what: string; listed: string }>;

interface TypeUse {
  type: InspectorType;
  /** Resources of the type listed here; undefined when the listing could not be read. */
  count?: number;
  /** Why the listing could not be read: the type is then required, as if it were used. */
  unread?: FindingError | { message: string };
}

function typeUse(snapshot: Snapshot, type: InspectorType, region: string): TypeUse {
  const reading = inRegion(snapshot[USAGE[type].source] as InRegion<unknown[]>[] | undefined, region);
  if (!reading) return { type, unread: { message: `${USAGE[type].listed} were not read in ${region}` } };
  if ('error' in reading) return { type, unread: reading.error };
  return { type, count: reading.value.length };
}

const why = (u: TypeUse) =>
  `${USAGE[u.type].label} counts as used: ${USAGE[u.type].listed} could not be read (${u.unread!.message}${
    'missingAction' in u.unread! && u.unread.missingAction ? `, missing ${u.unread.missingAction}` : ''
  }).`;

const list = (labels: string[]) =>
  labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;

/**
 * Judged in the regions in use (where the account has resources), like GuardDuty, EBS default and
 * Config. In each, EC2, ECR and Lambda scanning is asked for only where the account runs
 * instances, repositories or functions; a listing that could not be read counts as used, with why.
 */
export function inspectorEnabled(input: RuleInput): RuleOutcome {
  const { snapshot } = input;
  return judgeRegionsInUse(
    input,
    need(snapshot, 'inspectorStatus'),
    (region) => ({ arn: regionArn(snapshot, 'inspector2', region), name: region }),
    (region, value) => {
      const uses = INSPECTOR_TYPES.map((t) => typeUse(snapshot, t, region));
      const needed = uses.filter((u) => u.count !== 0);
      const idle = uses.filter((u) => u.count === 0);
      const off = needed.filter((u) => value.resources[u.type] !== 'ENABLED');
      const notNeeded = idle.length
        ? ` (${idle.map((u) => `${USAGE[u.type].label} not needed: no ${USAGE[u.type].what} here`).join('; ')})`
        : '';
      const reasons = needed.filter((u) => u.unread).map(why);
      const detail =
        needed.length === 0
          ? `Nothing here for Amazon Inspector to scan${notNeeded}.`
          : off.length > 0
            ? value.status !== 'ENABLED'
              ? `Amazon Inspector is ${value.status ?? 'not enabled'} here; needed for ${list(needed.map((u) => USAGE[u.type].label))}${notNeeded}.`
              : `Not scanning ${off.map((u) => u.type).join(', ')}${notNeeded}.`
            : `Scanning ${list(needed.map((u) => USAGE[u.type].label))}${notNeeded}.`;
      return [
        {
          arn: regionArn(snapshot, 'inspector2', region),
          name: region,
          region,
          result: off.length === 0 ? 'pass' : 'fail',
          detail: [detail, ...reasons].join(' '),
          facts: {
            status: value.status ?? null,
            ...value.resources,
            ...Object.fromEntries(
              uses.filter((u) => u.count !== undefined).map((u) => [USAGE[u.type].source, u.count]),
            ),
          },
        },
      ];
    },
    {
      pass: (e) =>
        `Amazon Inspector scans the EC2 instances, ECR repositories and Lambda functions of every region in use (${plural(e.length, 'region')}).`,
      fail: (f) => `Amazon Inspector is off or partial in ${names(f)}.`,
      none: 'No region in use could be read for Amazon Inspector.',
    },
  );
}
