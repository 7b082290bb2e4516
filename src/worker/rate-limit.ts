/**
 * Optional per-client rate limiting through Cloudflare's rate-limiting binding. Off unless a
 * binding named RATE_LIMITER is configured in wrangler.toml (see README); then a client (by IP)
 * over the limit gets 429 RATE_LIMITED.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors/index.js';
import type { AppEnv } from './types.js';

interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export const rateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = (c.env as Partial<{ RATE_LIMITER: RateLimitBinding }> | undefined)?.RATE_LIMITER;
  if (limiter) {
    const key = c.req.header('cf-connecting-ip') ?? 'anonymous';
    const { success } = await limiter.limit({ key });
    if (!success) throw new ApiError('RATE_LIMITED', 'too many requests from this client; wait a minute and retry', { 'Retry-After': '60' });
  }
  await next();
};
