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

const decoded = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/**
 * AWS's role switch (`signin.aws.amazon.com/switchrole`, the console's "Switch role" and
 * "Switch back"): it would sign the window in as another role or account while its banner
 * still names the identity the window was opened as. Matched on the decoded, lower-cased
 * path so `/SwitchRole` or `/%73witchrole` do not slip through.
 */
export function isRoleSwitchUrl(url: string): boolean {
  const u = parse(url);
  return !!u && /switch-?role/.test(decoded(u.pathname).toLowerCase());
}

/**
 * The AWS window: only the partition's sign-in and console hosts (and their regional
 * subdomains), over the scheme the endpoints use: https in the app, http only when a test
 * configured a local stand-in. Never a role switch.
 */
export function awsNavigationPolicy(endpoints: PartitionEndpoints): NavigationPolicy {
  const allowed = [endpoints.signin, endpoints.console].map((e) => new URL(e));
  return (url) => {
    const u = parse(url);
    if (!u || isRoleSwitchUrl(url)) return false;
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
