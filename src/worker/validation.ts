/** Turns schema failures into catalogue errors with messages a person can act on. */
import { z, type Hook } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { ApiError } from './errors/index.js';
import type { AppEnv } from './types.js';

/** A validation hook for routes whose parameters are `accepted` (listed in unknown-key errors). */
export function validationHook(accepted: string[]): Hook<unknown, AppEnv, string, unknown> {
  return (result) => {
    if (result.success) return;
    throw toApiError(result.error as ZodError, accepted);
  };
}

export function toApiError(error: ZodError, accepted: string[]): ApiError {
  // An unknown name first: `Q=kim` is a misspelt `q`, which "q is missing" would hide.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"${didYouMean(k, accepted)}`).join(', ');
    return new ApiError('UNKNOWN_PARAMETER', `unknown parameter ${keys}; ${accepted.length ? `accepted: ${accepted.join(', ')}` : 'this endpoint takes none'}`);
  }
  const where = issue.path.join('.') || 'request';
  return new ApiError('INVALID_PARAMETER', `${where}: ${issue.message}`);
}

/** ` (did you mean "q"?)` for a name that differs from an accepted one only in case or a `[]` suffix. */
function didYouMean(key: string, accepted: string[]): string {
  const near = key.replace(/\[\]$/, '').toLowerCase();
  const match = accepted.find((name) => name.toLowerCase() === near);
  return match ? ` (did you mean "${match}"?)` : '';
}

/**
 * What a query string can get wrong that a JSON body cannot, checked before the schema so the error
 * names the parameter instead of reporting a type mismatch: a parameter given twice (`k=1&k=50`:
 * which one counts?) and one given without a value (`ratio=` must not quietly mean 0 or the
 * default). Only `accepted` names are checked; the schema reports the others as unknown.
 * `mayBeEmpty` names parameters whose empty value has an error of its own (q: EMPTY_QUERY).
 */
export function singleValuedQuery(accepted: readonly string[], mayBeEmpty: readonly string[] = []): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.queries();
    for (const name of accepted) {
      const values = given[name];
      if (!values) continue;
      if (values.length > 1) throw new ApiError('INVALID_PARAMETER', `${name}: given ${values.length} times; give it once`);
      if (values[0] === '' && !mayBeEmpty.includes(name)) throw new ApiError('INVALID_PARAMETER', `${name}: empty; give a value or leave the parameter out`);
    }
    await next();
  };
}

/** How a rejected value reads in an error: short, a string quoted, never the whole of a long input. */
export function shown(input: unknown): string {
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  return JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);
}

/**
 * An error for a schema that says what is allowed and what came, e.g. `must be a whole number from
 * 1 to 50 (got 2.5)` — zod's own texts ("Too small: expected number to be >=1") name neither the
 * whole range nor the parameter's rule. `toApiError` puts the parameter's name in front.
 */
export function mustBe(rule: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `missing; it ${rule}` : `${rule} (got ${shown(issue.input)})`);
}

export interface NumberRange {
  min: number;
  max: number;
  whole?: boolean;
}

/** `must be a whole number from 1 to 50`, `must be a number from 0 to 1`. */
export function rangeRule({ min, max, whole }: NumberRange): string {
  return `must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
}

/** A number in `range`, whose every failure (type, fraction, bounds) says the whole rule. */
export function numberIn(range: NumberRange) {
  const error = mustBe(rangeRule(range));
  const number = z.number({ error });
  return (range.whole ? number.int({ error }) : number).min(range.min, { error }).max(range.max, { error });
}

/** `must be "page"`, `must be true or false`, `must be one of hybrid, semantic, lexical`. */
export function choiceRule(values: readonly string[]): string {
  const [only] = values;
  if (values.length === 1) return `must be ${JSON.stringify(only)}`;
  return values.length === 2 ? `must be ${values[0]} or ${values[1]}` : `must be one of ${values.join(', ')}`;
}

/** One of `values`, whose error lists them. */
export function choiceOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: mustBe(choiceRule(values)) });
}
