import type { STSClientConfig } from '@aws-sdk/client-sts';
import type { Section, SharedConfig } from './shared-config';

/**
 * Every setting an SDK client would otherwise look up in the shared config files, resolved here
 * from our one parse (shared-config.ts) and the environment, with the SDK's own names, order
 * (environment, then the file, then the default) and defaults. A client given all of them never
 * runs the SDK's ini parser: it did so once per setting, and a 10 MB config made one `whoami`
 * take a minute. The SDK reads these from the profile named by AWS_PROFILE, else `default` (the
 * app's clients are given no profile), so that is the profile read here too.
 *
 * As in the SDK, a value that does not parse (`use_fips_endpoint = yes`) counts as unset.
 */
type Value = string | undefined;
type Setting = [env: string, key: string];

function pick([env, key]: Setting, profile: Section): [Value, Value] {
  return [process.env[env], key in profile ? profile[key] : undefined];
}

function first<T>(setting: Setting, profile: Section, parse: (v: string) => T | undefined): T | undefined {
  for (const v of pick(setting, profile)) {
    if (v === undefined) continue;
    const parsed = parse(v);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

const bool = (v: string) => (v === 'true' ? true : v === 'false' ? false : undefined);
const text = (v: string) => v;
const nonEmpty = (v: string) => v || undefined;
const int = (v: string) => (v && !Number.isNaN(parseInt(v, 10)) ? parseInt(v, 10) : undefined);
const number = (v: string) => (Number.isNaN(parseFloat(v)) ? undefined : parseFloat(v));
const commaList = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const regionSet = (v: string) => (v ? v.split(',').map((x) => x.trim()) : undefined);
const oneOf =
  (...values: string[]) =>
  (v: string) =>
    values.includes(v.toUpperCase()) ? v.toUpperCase() : undefined;

/** The profile whose settings configure the clients (see above). */
function settingsProfile(config: SharedConfig): Section {
  const name = process.env.AWS_PROFILE || 'default';
  // fromSharedConfigFiles' preferredFile "config": the config file wins over the credentials file.
  return { ...config.credentialProfiles[name], ...config.configProfiles[name] };
}

/** What every client is given (S3, S3 Control and CloudWatch add their own below). */
export function commonClientSettings(config: SharedConfig) {
  const p = settingsProfile(config);
  const appId = first(['AWS_SDK_UA_APP_ID', 'sdk_ua_app_id'], p, text) ?? p['sdk-ua-app-id'];
  const regions = first(['AWS_SIGV4A_SIGNING_REGION_SET', 'sigv4a_signing_region_set'], p, regionSet);
  return {
    useFipsEndpoint: first(['AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'], p, bool) ?? false,
    useDualstackEndpoint: first(['AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint'], p, bool) ?? false,
    maxAttempts: first(['AWS_MAX_ATTEMPTS', 'max_attempts'], p, int) ?? 3,
    retryMode: first(['AWS_RETRY_MODE', 'retry_mode'], p, text) ?? 'standard',
    // An unknown mode is the SDK's error, at the first call, as before.
    defaultsMode: (first(['AWS_DEFAULTS_MODE', 'defaults_mode'], p, text) ?? 'legacy') as NonNullable<
      STSClientConfig['defaultsMode']
    >,
    authSchemePreference: first(['AWS_AUTH_SCHEME_PREFERENCE', 'auth_scheme_preference'], p, commaList) ?? [],
    // Providers, since "none" must stay undefined without the SDK looking it up again.
    userAgentAppId: () => Promise.resolve(appId),
    sigv4aSigningRegionSet: () => Promise.resolve(regions),
    disableClockSkewCorrection:
      first(['AWS_DISABLE_CLOCK_SKEW_CORRECTION', 'disable_clock_skew_correction'], p, bool) ?? false,
    // Endpoints from the environment and the files are resolved here (endpointFor), never by the SDK.
    ignoreConfiguredEndpointUrls: true,
  };
}

export function s3ClientSettings(config: SharedConfig) {
  const p = settingsProfile(config);
  const checksums = oneOf('WHEN_SUPPORTED', 'WHEN_REQUIRED');
  const useArnRegion = first(['AWS_S3_USE_ARN_REGION', 's3_use_arn_region'], p, bool);
  return {
    requestChecksumCalculation:
      (first(['AWS_REQUEST_CHECKSUM_CALCULATION', 'request_checksum_calculation'], p, checksums) as
        'WHEN_SUPPORTED' | 'WHEN_REQUIRED' | undefined) ?? 'WHEN_SUPPORTED',
    responseChecksumValidation:
      (first(['AWS_RESPONSE_CHECKSUM_VALIDATION', 'response_checksum_validation'], p, checksums) as
        'WHEN_SUPPORTED' | 'WHEN_REQUIRED' | undefined) ?? 'WHEN_SUPPORTED',
    disableS3ExpressSessionAuth:
      first(['AWS_S3_DISABLE_EXPRESS_SESSION_AUTH', 's3_disable_express_session_auth'], p, bool) ?? false,
    useArnRegion: () => Promise.resolve(useArnRegion),
  };
}

export function s3ControlClientSettings(config: SharedConfig) {
  const useArnRegion = first(['AWS_S3_USE_ARN_REGION', 's3_use_arn_region'], settingsProfile(config), bool);
  return { useArnRegion: () => Promise.resolve(useArnRegion) };
}

export function cloudWatchClientSettings(config: SharedConfig) {
  const p = settingsProfile(config);
  return {
    disableRequestCompression:
      first(['AWS_DISABLE_REQUEST_COMPRESSION', 'disable_request_compression'], p, bool) ?? false,
    requestMinCompressionSizeBytes:
      first(['AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES', 'request_min_compression_size_bytes'], p, number) ?? 10240,
  };
}

/**
 * The endpoint the SDK would take from its configuration for a service (`serviceId` as the
 * client names it, "S3 Control"): AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then the
 * profile's `services` section and `endpoint_url`; none when ignore_configured_endpoint_urls
 * says so. A `services` name with no section is the SDK's error, at the first call.
 */
export function endpointFor(config: SharedConfig, serviceId: string): { endpoint?: string | (() => Promise<never>) } {
  const p = settingsProfile(config);
  if (first(['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'ignore_configured_endpoint_urls'], p, bool)) return {};
  const words = serviceId.split(' ');
  const fromEnv =
    nonEmpty(process.env[['AWS_ENDPOINT_URL', ...words.map((w) => w.toUpperCase())].join('_')] ?? '') ??
    nonEmpty(process.env.AWS_ENDPOINT_URL ?? '');
  if (fromEnv) return { endpoint: fromEnv };
  if (p.services) {
    const section = config.services[p.services];
    if (!section) {
      const error = new Error(
        `The services section "${p.services}" specified in the profile is not present in the shared configuration file.`,
      );
      return { endpoint: () => Promise.reject(error) };
    }
    const url = section[`${words.map((w) => w.toLowerCase()).join('_')}.endpoint_url`];
    if (url) return { endpoint: url };
  }
  return p.endpoint_url ? { endpoint: p.endpoint_url } : {};
}

/** Everything one client of `serviceId` in `region` is given, besides credentials and handler. */
export function clientSettings(config: SharedConfig, serviceId: string, region: string) {
  return {
    ...commonClientSettings(config),
    ...(serviceId === 'S3' ? s3ClientSettings(config) : {}),
    ...(serviceId === 'S3 Control' ? s3ControlClientSettings(config) : {}),
    ...(serviceId === 'CloudWatch' ? cloudWatchClientSettings(config) : {}),
    ...endpointFor(config, serviceId),
    region,
  };
}
