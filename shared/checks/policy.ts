import { CHECKS } from './registry';
import { SOURCES, type SourceDeclaration } from './sources';
import type { CheckDefinition, PolicyFeature, SourceKey } from './types';
import { ACCESS_REVIEW_POPULATION } from '../rules/access/population-sources';

/**
 * Calls a run makes whatever checks it runs, with why. `sts:GetCallerIdentity` needs no
 * permission, so it is not listed.
 */
export const RUN_ACTIONS: readonly { action: string; why: string; regionalOnly?: true }[] = [
  { action: 'iam:ListAccountAliases', why: 'the account alias shown beside the account id (optional)' },
  {
    action: SOURCES.regions.actions[0],
    why: 'which regions are enabled, so regional checks read every region in use',
    regionalOnly: true,
  },
];

/** The features beside the checks whose calls the policy grants. */
const FEATURES: readonly PolicyFeature[] = [ACCESS_REVIEW_POPULATION];

export interface PolicyAction {
  action: string;
  /** The checks that cannot run without it; empty for the calls every run makes. */
  checks: string[];
  /** The features beside the checks that need it (the access review's population). */
  features: string[];
  /** Why it is asked for, in words. */
  why: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Resource: '*';
  Action: string[];
}

export interface GeneratedPolicy {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * Every action the collectors call for these checks (all of them by default) and these features,
 * each with the checks and features that need it.
 */
export function policyActions(
  checks: readonly CheckDefinition[] = CHECKS,
  features: readonly PolicyFeature[] = FEATURES,
): PolicyAction[] {
  const byAction = new Map<string, PolicyAction>();
  const regional = checks.some((c) => [...c.requires, ...c.uses].some((k) => SOURCES[k].scope === 'regional'));
  for (const { action, why, regionalOnly } of RUN_ACTIONS)
    if (regional || !regionalOnly) byAction.set(action, { action, checks: [], features: [], why });
  const entryOf = (action: string, why: string) => {
    const entry = byAction.get(action) ?? { action, checks: [], features: [], why };
    byAction.set(action, entry);
    return entry;
  };
  const withDependencies = (keys: readonly SourceKey[]): SourceKey[] => {
    const all = new Set<SourceKey>();
    const visit = (k: SourceKey) => {
      if (all.has(k)) return;
      all.add(k);
      for (const d of (SOURCES[k] as SourceDeclaration).dependsOn ?? []) visit(d);
    };
    keys.forEach(visit);
    return [...all];
  };
  for (const check of checks) {
    for (const key of withDependencies([...check.requires, ...check.uses])) {
      const source = SOURCES[key] as SourceDeclaration;
      for (const action of source.actions) {
        const when = source.onlyWhen?.[action];
        const entry = entryOf(action, `reads ${source.name}${when ? ` (only ${when})` : ''}`);
        if (!entry.checks.includes(check.id)) entry.checks.push(check.id);
      }
    }
  }
  for (const feature of features) {
    const own = [
      ...withDependencies(feature.sources).flatMap((k) =>
        SOURCES[k].actions.map((action) => ({ action, why: `reads ${SOURCES[k].name}` })),
      ),
      ...feature.actions,
    ];
    for (const { action, why } of own) {
      const entry = entryOf(action, why);
      if (!entry.features.includes(feature.label)) entry.features.push(feature.label);
    }
  }
  return [...byAction.values()].sort((a, b) => a.action.localeCompare(b.action));
}

const sidOf = (service: string) => service.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toUpperCase());

/** The least-privilege policy: one statement per service, exactly the actions the collectors call. */
export function generatedPolicy(actions: PolicyAction[] = policyActions()): GeneratedPolicy {
  const byService = new Map<string, string[]>();
  for (const { action } of actions) {
    const service = action.split(':')[0]!;
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  return {
    Version: '2012-10-17',
    Statement: [...byService].map(([service, list]) => ({
      Sid: sidOf(service),
      Effect: 'Allow',
      Resource: '*',
      Action: list,
    })),
  };
}
