/**
 * Characters that change how text is displayed rather than what it says: C0 and C1 controls
 * (a terminal obeys escape sequences; a carriage return overwrites a line) and the Unicode
 * bidirectional controls (U+202E shows "gpj.exe" as "exe.jpg"). Text from files, ZIP entries
 * or other programs may hold them, so every message shows them as visible escapes.
 */
// Matching control characters is the point of these patterns.
/* eslint-disable no-control-regex */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const UNSAFE_WITH_LINES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */

const escape = (c: string) => {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of text (a name, a message): every control character, line breaks included, escaped. */
export const escapeControls = (text: string): string => text.replace(UNSAFE_WITH_LINES, escape);

/** Text printed as several lines: line feeds and tabs kept, everything else escaped. */
export const escapeControlsKeepLines = (text: string): string => text.replace(UNSAFE, escape);
