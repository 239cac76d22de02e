import { contract, type Contract, type EventName, type EventPayload } from './contract';
import type { InputOf, OutputOf } from './define';
import type { Result } from './result';

/** How the API reaches main: ipcRenderer in the preload, a Playwright binding in UI tests. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export type Api = {
  [D in keyof Contract]: {
    [M in keyof Contract[D]]: InputOf<Contract[D][M]> extends undefined
      ? (input?: InputOf<Contract[D][M]>) => Promise<Result<OutputOf<Contract[D][M]>>>
      : (input: InputOf<Contract[D][M]>) => Promise<Result<OutputOf<Contract[D][M]>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const channelName = (domain: string, name: string): string => `${domain}.${name}`;

/** Every channel of the contract, as `domain.method`: the only channel names that exist. */
export const allChannels = (): string[] =>
  Object.entries(contract).flatMap(([domain, methods]) => Object.keys(methods).map((m) => channelName(domain, m)));

export function createApi(transport: Transport): Api {
  const api: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(contract)) {
    const group: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const name of Object.keys(methods)) {
      const channel = channelName(domain, name);
      group[name] = (input?: unknown) => transport.invoke(channel, input);
    }
    api[domain] = Object.freeze(group);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return Object.freeze(api) as Api;
}
