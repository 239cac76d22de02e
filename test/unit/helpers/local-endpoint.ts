import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint, type AwsEndpointOptions } from '../../../main/sandbox/aws-endpoint';

/**
 * The local AWS endpoint for one test file: started before its tests, closed after, and reset
 * (faults, call counts, stubbed environment) after each test. The returned object forwards to
 * the running endpoint, so tests use it like the endpoint itself.
 */
export function useLocalEndpoint(options: AwsEndpointOptions | (() => AwsEndpointOptions)): AwsEndpoint {
  let current: AwsEndpoint | undefined;
  beforeAll(async () => {
    current = await startAwsEndpoint(typeof options === 'function' ? options() : options);
  });
  afterAll(() => current?.close());
  afterEach(() => {
    vi.unstubAllEnvs();
    current?.setFaults({});
    current?.resetCalls();
  });
  return new Proxy({} as AwsEndpoint, {
    get(_target, key) {
      if (!current) throw new Error('The local AWS endpoint is used before beforeAll started it');
      const value = Reflect.get(current, key, current) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
