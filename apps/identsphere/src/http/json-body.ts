import type { IncomingMessage } from 'node:http';
import express, { RequestHandler } from 'express';

const MAX_BODY = '64kb';
/** No request of ours nests deeper than 2 levels; 32 leaves room and keeps every later walk shallow. */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether the JSON text nests arrays/objects deeper than `maxDepth`, judged from the raw bytes: a parser
 * (and everything that walks its result, class-transformer included) recurses once per level, so the
 * depth must be known before anything recurses. Brackets inside strings do not count; the bytes need not
 * be valid JSON (the parser judges that afterwards).
 */
export function jsonNestingExceeds(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/**
 * Reported as body-parser reports a parse failure (its `type`), so it reaches the problem-details filter
 * the same way and becomes 400 `malformed_json`: too deep to parse is unparseable for us.
 */
function tooDeep(): Error {
  return Object.assign(new SyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { type: 'entity.parse.failed', status: 400 });
}

/** body-parser's JSON reader with the 64 KiB limit and the depth check between reading and parsing. */
export function jsonBody(): RequestHandler {
  return express.json({
    limit: MAX_BODY,
    strict: false,
    type: ['application/json', 'application/*+json'],
    verify: (_req: IncomingMessage, _res: unknown, body: Buffer) => {
      if (jsonNestingExceeds(body, MAX_JSON_DEPTH)) throw tooDeep();
    },
  });
}
