/**
 * npm run loadtest -- [--requests 20000] [--connections 64] [--seconds 120]
 * Starts `wrangler dev` on a free loopback port, sends a bounded mix of valid and invalid requests
 * with autocannon, prints throughput and latency, and fails on any connection error, timeout or
 * 5xx. Only 127.0.0.1 is ever contacted.
 */
import autocannon from 'autocannon';
import { startWranglerDev } from '../src/bench/wrangler-dev.js';
import { cliProgram, parseOrExit, positiveInteger } from './lib/cli.js';

const program = cliProgram('loadtest', 'Load-tests `wrangler dev` on loopback with a bounded mix of valid and invalid requests; fails on any error, timeout or 5xx.')
  .option('--requests <n>', 'how many requests in all', positiveInteger, 20000)
  .option('--connections <n>', 'concurrent connections', positiveInteger, 64)
  .option('--seconds <n>', 'upper bound on the run', positiveInteger, 120);
const { options } = parseOrExit<{ requests: number; connections: number; seconds: number }>(program, 'loadtest');

const questions = ['What did Putin and Kim sign?', 'armoured train', 'Who estimated North Korean casualties?', 'spy drones at the parade', 'How long should I boil an egg?'];
// Valid searches, and requests that must come back as clean 4xx answers.
const mix: autocannon.Request[] = [
  ...questions.map((q) => ({ method: 'GET' as const, path: `/search?q=${encodeURIComponent(q)}&k=5` })),
  ...questions.map((q) => ({ method: 'POST' as const, path: '/search', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, k: 10, mode: 'hybrid' }) })),
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/search?q=' },
  { method: 'GET', path: '/search?q=x&k=999' },
  { method: 'POST', path: '/search', headers: { 'content-type': 'application/json' }, body: '{"q":' },
  { method: 'POST', path: '/search', headers: { 'content-type': 'text/plain' }, body: 'hello' },
  { method: 'DELETE', path: '/search' },
  { method: 'GET', path: '/nope' },
];

const server = await startWranglerDev({ quiet: true });
let failed = false;
try {
  const amount = options.requests;
  console.error(`loadtest: ${amount} requests, ${options.connections} connections against ${server.url}`);
  const result = await autocannon({
    url: server.url,
    connections: options.connections,
    amount,
    duration: options.seconds, // upper bound: stops at `amount` or after this many seconds
    timeout: 10,
    requests: mix,
  });
  const expected4xx = 7 / mix.length;
  console.log(`requests: ${result.requests.total} in ${(result.duration).toFixed(1)} s → ${result.requests.average.toFixed(0)} req/s`);
  console.log(`latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`status: 2xx ${result['2xx']}, 4xx ${result['4xx']} (≈${(expected4xx * 100).toFixed(0)}% invalid by design), 5xx ${result['5xx']}; errors ${result.errors}, timeouts ${result.timeouts}`);
  if (result['5xx'] > 0 || result.errors > 0 || result.timeouts > 0) failed = true;
  if (result.requests.total < amount) {
    console.error(`only ${result.requests.total} of ${amount} requests completed within ${options.seconds} s`);
    failed = true;
  }
} finally {
  await server.stop();
}
if (failed) {
  console.error('loadtest: FAILED');
  process.exit(1);
}
console.log('loadtest: ok');
