import type { PartitionEndpoints } from './partitions';

/** Decides which top-level URLs a capture window may navigate to; the Electron adapter asks it. */
export type NavigationPolicy = (url: string) => boolean;

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** `console.aws.amazon.com` admits itself and `us-east-1.console.aws.amazon.com`, never `evilconsole.aws.amazon.com.example`. */
const hostMatches = (host: string, base: string) => host === base || host.endsWith(`.${base}`);

/**
 * The AWS window: only the partition's sign-in and console hosts (and their regional
 * subdomains), over the scheme the endpoints use: https in the app, http only when a test
 * configured a local stand-in.
 */
export function awsNavigationPolicy(endpoints: PartitionEndpoints): NavigationPolicy {
  const allowed = [endpoints.signin, endpoints.console].map((e) => new URL(e));
  return (url) => {
    const u = parse(url);
    if (!u) return false;
    return allowed.some((a) => u.protocol === a.protocol && u.port === a.port && hostMatches(u.hostname, a.hostname));
  };
}

/** Web-tool windows: any https page; `insecureOrigins` exist only for tests' local pages. */
export function webNavigationPolicy(insecureOrigins: readonly string[] = []): NavigationPolicy {
  return (url) => {
    const u = parse(url);
    if (!u) return false;
    return (u.protocol === 'https:' && !u.username && !u.password) || insecureOrigins.includes(u.origin);
  };
}
