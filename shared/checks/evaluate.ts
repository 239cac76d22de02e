import { FINDING_SCHEMA_VERSION, type Finding } from '../domain/findings';
import { SOURCES } from './sources';
import type { CheckDefinition, RuleInput, SourceErrors } from './types';

/** Applies one check to a snapshot. Errors of required sources make it `error`; nothing throws. */
export function evaluateCheck(def: CheckDefinition, input: RuleInput, sourceErrors: SourceErrors = {}): Finding {
  const base = {
    schemaVersion: FINDING_SCHEMA_VERSION,
    checkId: def.id,
    rule: def.rule(input.settings),
    limits: def.limits(input.settings),
    accountId: input.snapshot.accountId,
    ...(def.requires.concat(def.uses).some((k) => SOURCES[k].scope === 'regional')
      ? { regions: input.regions ?? [] }
      : {}),
    evaluatedAt: input.now.toISOString(),
  } as const;
  const blocked = def.requires.find((s) => sourceErrors[s] !== undefined || input.snapshot[s] === undefined);
  if (blocked) {
    const error = sourceErrors[blocked] ?? {
      code: 'INTERNAL',
      message: `${SOURCES[blocked].name} was not collected.`,
    };
    return {
      ...base,
      result: 'error',
      summary: `Could not evaluate: ${error.message}`,
      entities: [],
      notes: [],
      error,
    };
  }
  const notes = def.uses
    .filter((s) => sourceErrors[s] !== undefined)
    .map((s) => `Not corroborated by ${SOURCES[s].name}: ${sourceErrors[s]?.message}`);
  try {
    const { error, ...outcome } = def.evaluate(input);
    return { ...base, ...outcome, notes: [...notes, ...(outcome.notes ?? [])], error: error ?? null };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ...base,
      result: 'error',
      summary: `Could not evaluate: ${message}`,
      entities: [],
      notes,
      error: { code: 'AWS_ERROR', message },
    };
  }
}
