/** Turns schema failures into catalogue errors with messages a person can act on. */
import type { Hook } from '@hono/zod-openapi';
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
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return new ApiError('UNKNOWN_PARAMETER', `unknown parameter ${keys}; ${accepted.length ? `accepted: ${accepted.join(', ')}` : 'this endpoint takes none'}`);
  }
  const where = issue.path.join('.') || 'request';
  return new ApiError('INVALID_PARAMETER', `${where}: ${issue.message}`);
}
