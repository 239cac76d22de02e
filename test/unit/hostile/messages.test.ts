import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/services/logger';
import { redactByShape, redactSecrets } from '../../../main/services/security/redact';
import { safeErrorData, safeLine } from '../../../main/services/security/safe-text';
import { isProcessAlive } from '../../../main/services/workspace/lock';
import { escapeControls } from '../../../shared/text/escape-controls';

describe('redaction by shape, with or without digits', () => {
  it("takes the secret key and the session token out of the issue's stderr line", () => {
    expect(
      redactSecrets(
        'assume failed for wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY (session FwoGZXIvYXdzEXAMPLESSOSESSIONTOKEN/production)',
      ),
    ).toBe('assume failed for [redacted] (session [redacted])');
  });

  it.each([
    ['a secret access key without digits', 'key wJalrXUtnFEMIxKxMDENGxbPxRfiCYEXAMPLEKEY here', 'key [redacted] here'],
    ['a secret access key with digits', 'k: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.', 'k: [redacted].'],
    ['a session token (IQoJ…)', 'token IQoJb3JpZ2luX2VjEXAMPLETOKENTEXTxyz/abc+def== end', 'token [redacted] end'],
    ['an older session token (FQoG…)', 'FQoGZXIvYXdzEXAMPLEtokenWITHOUTdigits', '[redacted]'],
    ['an SSO access token', 'cached aoaEXAMPLEaccesstokenWITHOUTdigitsXYZ:MGUCMQexample', 'cached [redacted]'],
    ['an SSO refresh token', 'aorEXAMPLErefreshTOKENwithoutDIGITS', '[redacted]'],
    [
      'a client secret (JWT)',
      'secret eyJraWQiOiJrZXkiLCJhbGciOiJIUzM4NCJ9.eyJzZXJpYWxpemVkIjoiZXhhbXBsZSJ9.c2ln done',
      'secret [redacted] done',
    ],
    ['an access key id', 'AKIAIOSFODNN7EXAMPLE', '[redacted]'],
  ])('%s', (_what, text, expected) => {
    expect(redactByShape(text)).toBe(expected);
  });

  it.each([
    ['a SHA-256', 'hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ok'],
    ['a SHA-1', 'commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
    ['a path', 'saved to /Users/DanaSmith/Documents/AuditWorkbench/Acme/evidence'],
    ['an ARN', 'arn:aws:iam::111122223333:role/AuditReadOnly'],
    ['words', 'The export-bundle-verification-step failed'],
  ])('leaves %s alone', (_what, text) => {
    expect(redactByShape(text)).toBe(text);
  });

  it('applies to errors crossing IPC (message, hint, details) and to log lines', () => {
    const data = safeErrorData({
      code: 'INTERNAL',
      message: 'failed for wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY',
      hint: 'token aoaEXAMPLEaccesstokenWITHOUTdigitsXYZ',
      details: { nested: { reason: 'FwoGZXIvYXdzEXAMPLESSOSESSIONTOKEN/production' } },
    });
    expect(JSON.stringify(data)).not.toMatch(/wJalr|aoaEXAMPLE|FwoG/);
    const lines: string[] = [];
    createLogger('t', (l) => lines.push(l)).warn('saw wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY', {
      detail: 'IQoJb3JpZ2luX2VjEXAMPLETOKENTEXT',
    });
    expect(lines[0]).not.toMatch(/wJalr|IQoJ/);
  });
});

describe('control characters and bidirectional overrides are escaped in messages', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Egpj.exe', 'invoice\\u202egpj.exe'],
    ['a terminal escape', '\u001b[2Jcleared', '\\x1b[2Jcleared'],
    ['a carriage return', 'ok\rFAILED', 'ok\\rFAILED'],
    ['a NUL', 'a\u0000b', 'a\\x00b'],
    ['an isolate', 'x\u2066y\u2069', 'x\\u2066y\\u2069'],
  ])('%s', (_what, text, expected) => {
    expect(escapeControls(text)).toBe(expected);
    expect(safeLine(text)).toBe(expected);
  });
});

describe('pid 0 and -1 are not live processes', () => {
  it.each([0, -1, -42, 1.5, Number.NaN])('pid %s', (pid) => {
    expect(isProcessAlive(pid)).toBe(false);
  });
  it('this process is', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });
});
