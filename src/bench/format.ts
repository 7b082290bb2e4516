/** Small formatting and statistics helpers for `npm run bench`'s Markdown. */
export const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
export const mib = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MiB`;
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
export const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
export const fits = (size: number, limit: number) => (size <= limit ? 'fits' : '**over**');
export { table } from '../eval/markdown.js';
