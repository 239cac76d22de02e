/**
 * The benchmark's local AWS endpoint, in this process or in a child process of its own. In a
 * child, the endpoint's own work (parsing, signature checks, answers) does not take CPU from
 * the run being measured, as AWS's servers would not; the machine's two cores are shared either way.
 */
import { fork } from 'node:child_process';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { benchScenario, LATENCY_MS } from './scenario';

export interface BenchEndpoint {
  url: string;
  resetCalls(): Promise<void>;
  stats(): Promise<EndpointStats>;
  close(): Promise<void>;
}

export interface EndpointStats {
  calls: [string, number][];
  total: number;
  inFlight: { max: number; mean: number; connections: number };
  /** CPU time of the process the endpoint runs in since the reset, user + system, in seconds. */
  cpuSeconds: number;
}

type Request = { id: number; op: 'reset' | 'stats' | 'close' };

export async function inProcess(accountIds: string[]): Promise<BenchEndpoint> {
  const endpoint = await startAwsEndpoint({ scenario: benchScenario(accountIds), faults: { latencyMs: LATENCY_MS } });
  let cpu = process.cpuUsage();
  return {
    url: endpoint.url,
    resetCalls: async () => {
      endpoint.resetCalls();
      cpu = process.cpuUsage();
    },
    stats: async () => {
      const used = process.cpuUsage(cpu);
      return {
        calls: [...endpoint.calls],
        total: endpoint.totalCalls(),
        inFlight: endpoint.inFlight(),
        cpuSeconds: (used.user + used.system) / 1e6,
      };
    },
    close: () => endpoint.close(),
  };
}

export async function inChild(accountIds: string[]): Promise<BenchEndpoint> {
  const child = fork(__filename, ['--serve', accountIds.join(',')], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`The endpoint process exited with ${code}`)));
  });
  let next = 0;
  const ask = <T>(op: Request['op']) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      const on = (m: unknown) => {
        const r = m as { id: number; value: T };
        if (r.id !== id) return;
        child.off('message', on);
        resolve(r.value);
      };
      child.on('message', on);
      child.send({ id, op } satisfies Request);
    });
  return {
    url,
    resetCalls: () => ask<void>('reset'),
    stats: () => ask<EndpointStats>('stats'),
    close: async () => {
      await ask<void>('close');
      child.disconnect();
    },
  };
}

async function serve(accountIds: string[]) {
  const local = await inProcess(accountIds);
  process.on('message', (m) => {
    const { id, op } = m as Request;
    const reply = (value: unknown) => process.send!({ id, value });
    if (op === 'reset') void local.resetCalls().then(() => reply(undefined));
    else if (op === 'stats') void local.stats().then(reply);
    else void local.close().then(() => reply(undefined));
  });
  process.send!({ url: local.url });
}

if (process.argv[2] === '--serve') void serve(process.argv[3]!.split(','));
