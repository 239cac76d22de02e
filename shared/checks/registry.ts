import { IAM_CHECKS } from './iam';
import { SERVICE_CHECKS } from './services';
import type { CheckDefinition } from './types';

/**
 * Every automated check, each defined once: the catalog links it to its controls from here, the
 * collector reads its sources from here, and the least-privilege policy is generated from here.
 */
export const CHECKS = [...IAM_CHECKS, ...SERVICE_CHECKS] as const satisfies readonly CheckDefinition[];

export type CheckId = (typeof CHECKS)[number]['id'];

export const CHECK_IDS: readonly CheckId[] = CHECKS.map((c) => c.id);

const BY_ID = new Map<string, CheckDefinition>(CHECKS.map((c) => [c.id, c]));

export const checkById = (id: string): CheckDefinition | undefined => BY_ID.get(id);

export const isCheckId = (id: string): id is CheckId => BY_ID.has(id);

/** The checks whose evidence proves a control, in registry order. */
export const checksForControl = (controlId: string): CheckDefinition[] =>
  CHECKS.filter((c) => (c.controls as readonly string[]).includes(controlId));
