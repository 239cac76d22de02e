import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const workspaceHandlers = (s: Services): DomainHandlers<'workspace'> => ({
  recent: () => s.workspaces.recent(),
  create: (input) => s.workspaces.create(input),
  createSample: (input) => s.sample.create(input.folder),
  open: (input) => s.workspaces.open(input.folder, { takeOverStaleLock: input.takeOverStaleLock }),
  current: () => (s.workspaces.current() ? s.workspaces.snapshot() : null),
  close: async () => {
    await s.workspaces.close();
    return null;
  },
  restoreBackup: (input) =>
    s.workspaces.restoreBackup(input.folder, input.file, { takeOverStaleLock: input.takeOverStaleLock }),
  pickFolder: (input) => s.adapters.pickFolder(input.purpose),
  updateSettings: async (input) => {
    const ws = s.workspaces.require();
    await ws.change(
      'meta',
      (meta) => ({
        ...meta,
        ...(input.companyName ? { companyName: input.companyName } : {}),
        ...(input.systemName ? { systemName: input.systemName } : {}),
        ...(input.asOfDate ? { asOfDate: input.asOfDate } : {}),
        ...(input.categories ? { categories: [...new Set(['security' as const, ...input.categories])] } : {}),
        checkSettings: { ...meta.checkSettings, ...input.checkSettings },
      }),
      {
        action: 'workspace.settings-updated',
        summary: `Updated workspace settings (${Object.keys(input).join(', ')})`,
        details: input,
      },
    );
    return s.workspaces.snapshot();
  },
});

export const identityHandlers = (s: Services): DomainHandlers<'identity'> => ({
  get: () => s.workspaces.me(),
  set: async (person) => {
    await s.team.setIdentity(person);
    return s.workspaces.current() ? s.workspaces.snapshot() : null;
  },
});

export const teamHandlers = (s: Services): DomainHandlers<'team'> => ({
  list: () => s.team.list(),
  add: (input) => s.team.add(input),
  update: (input) => s.team.update(input),
  remove: async (input) => {
    await s.team.remove(input.id);
    return null;
  },
});

export const activityHandlers = (s: Services): DomainHandlers<'activity'> => ({
  list: async (input) => {
    const { entries, skipped, skippedLines } = await s.workspaces
      .require()
      .activity.read({ limit: input.limit, target: input.target });
    return { entries, unreadable: { count: skipped, lines: skippedLines } };
  },
});
