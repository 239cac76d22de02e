import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The licenses of the packages the app ships, from package-lock.json: every installed package that is not marked
 * dev-only, with the license npm recorded for it. The lock file is the exact list `npm ci` installs, so the About
 * window names what is really bundled, not what package.json hopes for.
 */
export function bundledLicenses(lock) {
  const byName = new Map();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.dev || entry.devOptional || entry.link) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const key = `${name}@${entry.version}`;
    if (!byName.has(key)) byName.set(key, { name, version: entry.version, license: entry.license ?? 'UNKNOWN' });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

// `node main/release/licenses.mjs OUT`: run by `npm run build`, writes the list the About window shows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'out/licenses.json';
  const licenses = bundledLicenses(JSON.parse(readFileSync('package-lock.json', 'utf8')));
  writeFileSync(out, JSON.stringify(licenses, null, 1) + '\n');
  console.log(`${licenses.length} bundled packages and their licenses written to ${out}`);
}
