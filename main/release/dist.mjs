import { build } from 'electron-builder';
import { signingPlan } from './signing.mjs';

// Installers for the platform this runs on, signed and notarised where the environment holds the credentials.
const plan = signingPlan(process.platform, process.env);
for (const line of plan.lines) console.log(`  • ${line}`);
await build({
  config: 'electron-builder.yml',
  // Without credentials electron-builder would look for an identity in the keychain; say no rather than guess.
  ...(process.platform === 'darwin' && !plan.sign
    ? { config: { extends: './electron-builder.yml', mac: { identity: null } } }
    : {}),
  ...(plan.notarize ? { config: { extends: './electron-builder.yml', mac: { notarize: true } } } : {}),
  publish: 'never',
});
