/**
 * Which links may leave the app for the system browser: https on the default port, no
 * credentials, and only the AWS pages the workbench sends people to. Whole hosts are named
 * (never a bare `amazonaws.com` / `awsapps.com` suffix: anyone can have an S3 bucket, an API
 * Gateway or an Identity Center tenant under those) and, where a host serves more than the
 * sign-in, the path is pinned too.
 */

/** The region names of the partitions the app supports (aws, aws-us-gov, aws-cn), as the SDK's partition table spells them. */
const REGION = String.raw`(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d{1,2}|us-gov-[a-z]+-\d{1,2}|(?<cn>cn)-[a-z]+-\d{1,2})`;
/** An Identity Center portal name: the generated `d-xxxxxxxxxx` or the alias an admin chose (one DNS label). */
const TENANT = String.raw`[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?`;

interface Rule {
  host: RegExp;
  /** The pathname must match too; absent means any path on that host. */
  path?: RegExp;
  /** Checked against the named groups of the host match (China regions live under amazonaws.com.cn). */
  suffixFits?: (groups: Record<string, string | undefined>, host: string) => boolean;
}

const chinaSuffix = (groups: Record<string, string | undefined>, host: string) =>
  host.endsWith('.com.cn') === Boolean(groups.cn);

const RULES: Rule[] = [
  // Device-code verification page, the page `verificationUriComplete` names.
  { host: new RegExp(`^device\\.sso\\.${REGION}\\.amazonaws\\.com(?:\\.cn)?$`), suffixFits: chinaSuffix },
  // The authorization-code (PKCE) flow's authorize page on the OIDC endpoint the SDK resolves.
  {
    host: new RegExp(`^oidc\\.${REGION}\\.amazonaws\\.com(?:\\.cn)?$`),
    path: /^\/authorize$/,
    suffixFits: chinaSuffix,
  },
  // AWS's regional sign-in, which newer device authorizations name as `verificationUriComplete`.
  { host: new RegExp(`^${REGION}\\.signin\\.aws$`), path: /^\/platform\/authorize$/, suffixFits: (g) => !g.cn },
  // Identity Center access portals (device approval lives at /start/#/device).
  { host: new RegExp(`^${TENANT}\\.awsapps\\.(?:com|cn)$`), path: /^\/start(?:\/.*)?$/ },
  { host: /^start\.us-gov-home\.awsapps\.com$/, path: new RegExp(`^/directory/${TENANT}(?:/.*)?$`) },
  { host: /^docs\.aws\.amazon\.com$/ },
];

export function isAllowedExternalUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port || url.username || url.password) return false;
  const host = url.hostname;
  return RULES.some((rule) => {
    const match = rule.host.exec(host);
    if (!match) return false;
    if (rule.suffixFits && !rule.suffixFits(match.groups ?? {}, host)) return false;
    return !rule.path || rule.path.test(url.pathname);
  });
}
