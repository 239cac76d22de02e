/**
 * Which links may leave the app for the system browser: https only, and only to hosts the
 * workbench has a reason to send people to (AWS sign-in and documentation).
 */
const ALLOWED_HOST_SUFFIXES = ['.awsapps.com', '.amazonaws.com', '.aws.amazon.com', 'aws.amazon.com', '.amazonaws.cn', '.amazonaws-us-gov.com', '.aicpa-cima.com'];

export function isAllowedExternalUrl(value: unknown, extraHosts: string[] = []): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return [...ALLOWED_HOST_SUFFIXES, ...extraHosts].some((suffix) => host === suffix.replace(/^\./, '') || host.endsWith(suffix.startsWith('.') ? suffix : `.${suffix}`));
}
