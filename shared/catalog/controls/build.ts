import type { ControlDef } from '../types';

/** Builders so each control file states only what differs. Owned controls default to the security category. */
export const owned = (
  c: Omit<ControlDef, 'responsibility' | 'category'> & Partial<Pick<ControlDef, 'category'>>,
): ControlDef => ({
  responsibility: 'owned',
  category: 'security',
  ...c,
});

export const shared = (
  c: Omit<ControlDef, 'responsibility' | 'category' | 'split'> &
    Required<Pick<ControlDef, 'split'>> &
    Partial<Pick<ControlDef, 'category'>>,
): ControlDef => ({
  responsibility: 'shared',
  category: 'security',
  ...c,
});
