/** Asks a running server (`npm run dev`) over HTTP: its defaults, and `mode` when one is given. */
import type { SearchMode } from '../core/search/index.js';
import type { Searcher, SearchAnswer } from './run-questions.js';

export function httpSearcher(url: string, mode?: SearchMode): Searcher {
  const base = url.replace(/\/$/, '');
  return async (q, k) => {
    const res = await fetch(`${base}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, k, ...(mode ? { mode } : {}) }) });
    if (!res.ok) throw new Error(`${base}/search answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as SearchAnswer;
  };
}
