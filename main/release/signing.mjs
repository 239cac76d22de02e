/**
 * What the environment provides for signing, per platform, and what is missing. electron-builder reads the same
 * variables itself; this only decides what to say, and whether to ask for notarisation.
 */
export function signingPlan(platform, env) {
  const has = (name) => typeof env[name] === 'string' && env[name] !== '';
  if (platform === 'darwin') {
    const sign = has('CSC_LINK') || has('CSC_NAME');
    const notarize = has('APPLE_ID') && has('APPLE_APP_SPECIFIC_PASSWORD') && has('APPLE_TEAM_ID');
    return {
      sign,
      notarize: sign && notarize,
      lines: [
        sign
          ? 'macOS code signing: with the certificate in CSC_LINK/CSC_NAME'
          : 'macOS code signing skipped: set CSC_LINK (a .p12) and CSC_KEY_PASSWORD, or CSC_NAME',
        sign && notarize
          ? 'macOS notarisation: with APPLE_ID and APPLE_TEAM_ID'
          : 'macOS notarisation skipped: needs a signed build and APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID',
      ],
    };
  }
  if (platform === 'win32') {
    const sign = has('WIN_CSC_LINK') || has('CSC_LINK');
    return {
      sign,
      notarize: false,
      lines: [
        sign
          ? 'Windows code signing: with the certificate in WIN_CSC_LINK/CSC_LINK'
          : 'Windows code signing skipped: set WIN_CSC_LINK (a .pfx) and WIN_CSC_KEY_PASSWORD',
      ],
    };
  }
  return {
    sign: false,
    notarize: false,
    lines: ['Linux packages are not code-signed (AppImage and deb carry their SHA-256 in dist/latest-linux.yml)'],
  };
}
