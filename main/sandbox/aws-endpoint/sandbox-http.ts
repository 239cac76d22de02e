import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';

/**
 * Host names under `localhost` (`my-bucket.localhost`, `111122223333.localhost`) resolve to
 * 127.0.0.1, as RFC 6761 reserves them for loopback, so the SDK can address the local endpoint
 * virtual-host style: S3 buckets, and S3 Control's `<account>.` host prefix (which makes an
 * invalid URL with an IP endpoint). Other names resolve as usual.
 */
export function sandboxLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  (dnsLookup as unknown as (h: string, o: LookupOptions, cb: typeof callback) => void)(hostname, options, callback);
}

/**
 * `requestHandler` options for an SDK client talking to the sandbox by host name:
 * `new S3ControlClient({ endpoint: hostNameUrl(endpoint.url), requestHandler: sandboxRequestHandler() })`.
 */
export const sandboxRequestHandler = () => ({ httpAgent: { lookup: sandboxLookup } });

/** The endpoint URL by host name (`http://localhost:<port>`), for clients that put a prefix on the host. */
export const hostNameUrl = (url: string): string => url.replace('://127.0.0.1:', '://localhost:');
