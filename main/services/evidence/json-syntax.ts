/** Where and why a JSON document is not well-formed, in words for the person importing it. */
export class JsonSyntaxError extends Error {}

export interface JsonSyntaxCheck {
  /** The next bytes of the file (UTF-8; a character may be split across chunks). */
  write(chunk: Uint8Array): void;
  /** Throws `JsonSyntaxError` unless the bytes written were exactly one complete JSON value. */
  end(): void;
}

/** Deeper nesting than any API response or export has is refused, not followed. */
export const MAX_JSON_DEPTH = 512;
/** A number is a handful of characters; a megabyte of digits is not evidence. */
const MAX_NUMBER_LENGTH = 1024;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const enum S {
  Value, // a value is expected (top level, after "[", ":" or ",")
  ValueOrClose, // after "[": a value or "]"
  KeyOrClose, // after "{": a key or "}"
  Key, // after "," in an object: a key
  Colon,
  AfterValue, // "," or the container's close, or (top level) only white space
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  Done,
}

const WS = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const HEX = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
const NUMBER_BYTE = (b: number) =>
  (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45;
const LETTER = (b: number) => b >= 0x61 && b <= 0x7a;

/** One byte as a person would recognise it in the message. */
const shown = (b: number) => {
  if (b >= 0x30 && b <= 0x39) return String.fromCharCode(b);
  return b < 0x80 ? JSON.stringify(String.fromCharCode(b)) : `byte 0x${b.toString(16)}`;
};

/**
 * Checks that a stream is one well-formed JSON document without building it: a state machine
 * that looks at each byte once, so time is linear in the file's size and memory is the nesting
 * stack (at most `maxDepth` entries), never the file. Nesting deeper than `maxDepth` is refused.
 */
export function jsonSyntaxCheck(maxDepth = MAX_JSON_DEPTH): JsonSyntaxCheck {
  const stack = new Uint8Array(maxDepth); // 1 = object, 2 = array
  let depth = 0;
  let state = S.Value;
  let inKey = false;
  let offset = 0;
  let hexLeft = 0;
  let token = '';
  let sawValue = false;
  let first = true;

  const fail = (b: number, at: number): never => {
    throw new JsonSyntaxError(`unexpected ${shown(b)} at byte ${at}`);
  };
  const valueDone = () => {
    sawValue = true;
    state = depth === 0 ? S.Done : S.AfterValue;
  };
  const endToken = (at: number) => {
    if (state === S.Number) {
      if (!NUMBER.test(token))
        throw new JsonSyntaxError(`"${token.slice(0, 20)}" at byte ${at - token.length} is not a number`);
    } else if (token !== 'true' && token !== 'false' && token !== 'null') {
      throw new JsonSyntaxError(`unexpected "${token.slice(0, 20)}" at byte ${at - token.length}`);
    }
    token = '';
    valueDone();
  };
  const open = (kind: number, b: number, at: number) => {
    if (depth >= maxDepth) throw new JsonSyntaxError(`it nests deeper than ${maxDepth} levels (at byte ${at})`);
    stack[depth++] = kind;
    state = kind === 1 ? S.KeyOrClose : S.ValueOrClose;
    void b;
  };
  const close = (b: number, at: number) => {
    const want = b === 0x7d ? 1 : 2;
    if (depth === 0 || stack[depth - 1] !== want) fail(b, at);
    depth--;
    valueDone();
  };
  const startValue = (b: number, at: number) => {
    if (b === 0x7b) return open(1, b, at);
    if (b === 0x5b) return open(2, b, at);
    if (b === 0x22) {
      inKey = false;
      state = S.String;
      return;
    }
    if (b === 0x2d || (b >= 0x30 && b <= 0x39)) {
      token = String.fromCharCode(b);
      state = S.Number;
      return;
    }
    if (LETTER(b)) {
      token = String.fromCharCode(b);
      state = S.Literal;
      return;
    }
    fail(b, at);
  };

  const step = (b: number, at: number) => {
    switch (state) {
      case S.String:
        if (b === 0x22) {
          if (inKey) state = S.Colon;
          else valueDone();
        } else if (b === 0x5c) state = S.Escape;
        else if (b < 0x20) fail(b, at);
        return;
      case S.Escape:
        if (b === 0x75) {
          hexLeft = 4;
          state = S.Unicode;
        } else if ([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(b)) state = S.String;
        else fail(b, at);
        return;
      case S.Unicode:
        if (!HEX(b)) fail(b, at);
        if (--hexLeft === 0) state = S.String;
        return;
      case S.Number:
        // JSON forbids leading zeros: "01" is two values, the second one unexpected.
        if ((token === '0' || token === '-0') && b >= 0x30 && b <= 0x39) fail(b, at);
        if (NUMBER_BYTE(b)) {
          token += String.fromCharCode(b);
          if (token.length > MAX_NUMBER_LENGTH)
            throw new JsonSyntaxError(`a number at byte ${at} is longer than ${MAX_NUMBER_LENGTH} characters`);
          return;
        }
        endToken(at);
        return step(b, at);
      case S.Literal:
        if (LETTER(b) && token.length < 5) {
          token += String.fromCharCode(b);
          return;
        }
        endToken(at);
        return step(b, at);
      default:
    }
    if (WS(b)) return;
    switch (state) {
      case S.Value:
        return startValue(b, at);
      case S.ValueOrClose:
        if (b === 0x5d) return close(b, at);
        return startValue(b, at);
      case S.KeyOrClose:
        if (b === 0x7d) return close(b, at);
        if (b !== 0x22) fail(b, at);
        inKey = true;
        state = S.String;
        return;
      case S.Key:
        if (b !== 0x22) fail(b, at);
        inKey = true;
        state = S.String;
        return;
      case S.Colon:
        if (b !== 0x3a) fail(b, at);
        state = S.Value;
        return;
      case S.AfterValue:
        if (b === 0x2c) {
          state = stack[depth - 1] === 1 ? S.Key : S.Value;
          return;
        }
        if (b === 0x7d || b === 0x5d) return close(b, at);
        return fail(b, at);
      case S.Done:
        return fail(b, at);
      default:
    }
  };

  return {
    write(chunk) {
      let i = 0;
      // A byte-order mark before the value is allowed, as every JSON reader here allows it.
      if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
      if (chunk.length) first = false;
      for (; i < chunk.length; i++) step(chunk[i]!, offset + i);
      offset += chunk.length;
    },
    end() {
      if (state === S.Number || state === S.Literal) {
        if (state === S.Literal && !['true', 'false', 'null'].includes(token))
          throw new JsonSyntaxError('the file ends in the middle of a value');
        endToken(offset);
      }
      if (state === S.String || state === S.Escape || state === S.Unicode)
        throw new JsonSyntaxError('the file ends in the middle of a value');
      if (!sawValue && depth === 0) throw new JsonSyntaxError('the file holds only white space');
      if (state !== S.Done) throw new JsonSyntaxError('the file ends before the JSON is complete');
    },
  };
}
