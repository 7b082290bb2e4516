/**
 * The filter grammar (documented in README "Filters"), parsed into a small tree:
 *
 *   filter     := or
 *   or         := and ("OR" and)*
 *   and        := not ("AND" not)*
 *   not        := "NOT" not | "(" filter ")" | condition
 *   condition  := field ("=" | "!=" | ">" | ">=" | "<" | "<=") value
 *               | field ["NOT"] "IN" "[" value ("," value)* "]"
 *               | field value "TO" value
 *               | field "STARTS" "WITH" value
 *               | field ["NOT"] "EXISTS"
 *   value      := bare word | 'quoted' | "quoted"    (a number when it reads as one)
 *
 * Keywords are case-insensitive. Hand-written: a recursive-descent parser of a few dozen lines is
 * smaller than any expression library, and its errors can say exactly where and what was expected.
 */

export type Scalar = string | number;

export type Filter =
  | { op: 'and' | 'or'; of: Filter[] }
  | { op: 'not'; of: Filter }
  | { op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; field: string; value: Scalar }
  | { op: 'in'; field: string; values: Scalar[] }
  | { op: 'range'; field: string; from: Scalar; to: Scalar }
  | { op: 'prefix'; field: string; value: string }
  | { op: 'exists'; field: string };

/** A filter that does not parse: the message says what was expected, and where. */
export class FilterSyntaxError extends Error {
  override name = 'FilterSyntaxError';
}

export const MAX_FILTER_CHARS = 1000;
/** Deeper nesting than this is refused (it could only be generated, and would cost stack). */
const MAX_DEPTH = 32;

interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
  at: number;
}

const PUNCT = ['!=', '>=', '<=', '=', '>', '<', '(', ')', '[', ']', ','];
const COMPARISONS = { '=': 'eq', '!=': 'ne', '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le' } as const;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const punct = PUNCT.find((p) => input.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, at: i });
      i += punct.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < input.length && input[j] !== c) {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        text += input[j++];
      }
      if (j >= input.length) throw new FilterSyntaxError(`filter: the string starting at character ${i + 1} is not closed with ${c}`);
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s()[\],=!<>'"]/.test(input[j])) j++;
    if (j === i) throw new FilterSyntaxError(`filter: unexpected "${c}" at character ${i + 1}`);
    tokens.push({ kind: 'word', text: input.slice(i, j), at: i });
    i = j;
  }
  return tokens;
}

export function parseFilter(input: string): Filter {
  if (input.length > MAX_FILTER_CHARS) throw new FilterSyntaxError(`filter: ${input.length} characters; the maximum is ${MAX_FILTER_CHARS}`);
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const where = () => (peek() ? `at character ${peek().at + 1} ("${peek().text}")` : 'at the end');
  const isKeyword = (t: Token | undefined, k: string) => t?.kind === 'word' && t.text.toUpperCase() === k;
  const keyword = (k: string) => {
    if (!isKeyword(peek(), k)) return false;
    pos++;
    return true;
  };
  const punct = (p: string) => {
    if (peek()?.kind !== 'punct' || peek().text !== p) return false;
    pos++;
    return true;
  };
  const expect = (p: string, what: string) => {
    if (!punct(p)) throw new FilterSyntaxError(`filter: expected ${what} ${where()}`);
  };
  const value = (after: string): Scalar => {
    const t = peek();
    if (!t || t.kind === 'punct') throw new FilterSyntaxError(`filter: expected a value after ${after} ${where()}`);
    pos++;
    return t.kind === 'word' && /^-?\d+(\.\d+)?$/.test(t.text) ? Number(t.text) : t.text;
  };

  // Depth counts each NOT and each "(": both nest through not(), so the limit is checked there.
  const or = (depth: number): Filter => {
    const of = [and(depth)];
    while (keyword('OR')) of.push(and(depth));
    return of.length === 1 ? of[0] : { op: 'or', of };
  };
  const and = (depth: number): Filter => {
    const of = [not(depth)];
    while (keyword('AND')) of.push(not(depth));
    return of.length === 1 ? of[0] : { op: 'and', of };
  };
  const not = (depth: number): Filter => {
    if (depth > MAX_DEPTH) throw new FilterSyntaxError(`filter: nested more than ${MAX_DEPTH} levels deep`);
    if (keyword('NOT')) return { op: 'not', of: not(depth + 1) };
    if (punct('(')) {
      const inner = or(depth + 1);
      expect(')', 'a closing ")"');
      return inner;
    }
    return condition();
  };
  const condition = (): Filter => {
    const t = peek();
    if (!t || t.kind === 'punct' || ['AND', 'OR'].includes(t.text.toUpperCase())) throw new FilterSyntaxError(`filter: expected a field name ${where()}`);
    pos++;
    const field = t.text;
    const next = peek();
    if (next?.kind === 'punct' && next.text in COMPARISONS) {
      pos++;
      return { op: COMPARISONS[next.text as keyof typeof COMPARISONS], field, value: value(`"${field} ${next.text}"`) };
    }
    const negated = keyword('NOT');
    if (keyword('IN')) {
      expect('[', `"[" after "${field} IN"`);
      const values = [value(`"${field} IN ["`)];
      while (punct(',')) values.push(value('","'));
      expect(']', 'a closing "]" or ","');
      const filter: Filter = { op: 'in', field, values };
      return negated ? { op: 'not', of: filter } : filter;
    }
    if (keyword('EXISTS')) return negated ? { op: 'not', of: { op: 'exists', field } } : { op: 'exists', field };
    if (negated) throw new FilterSyntaxError(`filter: expected IN or EXISTS after "${field} NOT" ${where()}`);
    if (keyword('STARTS')) {
      if (!keyword('WITH')) throw new FilterSyntaxError(`filter: expected WITH after "${field} STARTS" ${where()}`);
      return { op: 'prefix', field, value: String(value(`"${field} STARTS WITH"`)) };
    }
    if (next && next.kind !== 'punct' && isKeyword(tokens[pos + 1], 'TO')) {
      const from = value(`"${field}"`);
      pos++;
      return { op: 'range', field, from, to: value(`"${field} ${from} TO"`) };
    }
    throw new FilterSyntaxError(`filter: expected =, !=, >, >=, <, <=, IN, TO, STARTS WITH or EXISTS after the field "${field}" ${where()}`);
  };

  if (tokens.length === 0) throw new FilterSyntaxError('filter: empty; e.g. filter=tags = routing AND version >= 2');
  const filter = or(0);
  if (pos < tokens.length) throw new FilterSyntaxError(`filter: expected AND, OR or the end ${where()}`);
  return filter;
}
