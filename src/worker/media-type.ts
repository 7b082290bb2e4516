/**
 * Content-Type parsing (RFC 9110 §8.3.1): `type "/" subtype *( OWS ";" OWS name "=" value )`, the
 * value a token or a quoted string. Stricter than the RFC's robustness rule in one way, as the
 * reference parsers (jshttp's content-type) are: an empty parameter (`application/json;;`) makes
 * the header malformed instead of being skipped, so a client's broken header is reported, not guessed.
 */

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
// A quoted string: any visible character or space but `"` and `\`, or a backslash-escaped one.
const QUOTED_STRING = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
const ESSENCE = new RegExp(`^(${TOKEN})/(${TOKEN})`);
const PARAMETER = new RegExp(`[\\t ]*;[\\t ]*(${TOKEN})=(${TOKEN}|${QUOTED_STRING})`, 'y');

export interface MediaType {
  /** `type/subtype`, lower-cased (media types are case-insensitive). */
  essence: string;
  /** Parameter names lower-cased, values as sent (quotes removed). */
  parameters: Record<string, string>;
}

/** A Content-Type header → its media type, or undefined when the header is malformed. */
export function parseMediaType(header: string): MediaType | undefined {
  const essence = ESSENCE.exec(header);
  if (!essence) return undefined;
  const parameters: Record<string, string> = {};
  PARAMETER.lastIndex = essence[0].length;
  while (PARAMETER.lastIndex < header.length) {
    const parameter = PARAMETER.exec(header);
    if (!parameter) return undefined;
    const [, name, value] = parameter;
    parameters[name.toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return { essence: `${essence[1]}/${essence[2]}`.toLowerCase(), parameters };
}

/** Whether a Content-Type header is a well-formed `application/json` (parameters such as charset allowed). */
export function isJsonMediaType(header: string | undefined): boolean {
  return header !== undefined && parseMediaType(header)?.essence === 'application/json';
}
