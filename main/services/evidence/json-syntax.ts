import { Tokenizer, TokenParser, type ParsedTokenInfo } from '@streamparser/json';

/** Where and why a JSON document is not well-formed, in words for the person importing it. */
export class JsonSyntaxError extends Error {}

export interface JsonSyntaxCheck {
  /** The next bytes of the file (UTF-8; a character may be split across chunks). */
  write(chunk: Uint8Array): void;
  /** Throws `JsonSyntaxError` unless the bytes written were exactly one complete JSON value. */
  end(): void;
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
};

/**
 * Checks that a stream is one well-formed JSON document without building it: the parser is
 * asked to emit nothing and keep nothing (`paths: []`, `keepStack: false`), so memory grows
 * with the nesting depth and the longest single string, never with the file's size.
 */
export function jsonSyntaxCheck(): JsonSyntaxCheck {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: [], keepStack: false });
  let last: ParsedTokenInfo | undefined;
  tokenizer.onToken = (token) => {
    last = token;
    parser.write(token);
  };
  tokenizer.onEnd = () => {
    if (!last) throw new JsonSyntaxError('the file holds only white space');
    // The parser ends itself after a complete top-level value; otherwise this reports the cut.
    if (!parser.isEnded) parser.end();
  };
  tokenizer.onError = (error) => {
    // The tokenizer says "Unexpected "x" at chunk position "3" (absolute position "1027") in state …".
    const at = /^Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(error.message);
    if (at) throw new JsonSyntaxError(`unexpected ${shown(at[1])} at byte ${at[2]}`);
    if (/ended in the middle of a token/.test(error.message))
      throw new JsonSyntaxError('the file ends in the middle of a value');
    throw new JsonSyntaxError(error.message);
  };
  parser.onError = (error) => {
    if (/ended in mid-parsing/.test(error.message))
      throw new JsonSyntaxError('the file ends before the JSON is complete');
    throw new JsonSyntaxError(last ? `unexpected ${shown(last.value)} at byte ${last.offset}` : error.message);
  };
  parser.onValue = () => undefined;
  return {
    write: (chunk) => tokenizer.write(chunk),
    end: () => tokenizer.end(),
  };
}
