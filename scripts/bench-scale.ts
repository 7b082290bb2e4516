/**
 * npm run bench:scale — the scale and peers tables of issue 24, written to their blocks of
 * docs/bench.md (`npm run bench` runs the same): corpora of about 1k, 17k and 100k passages built,
 * bundled and searched (src/bench/scale.ts), and FlexSearch and hnswlib-node against our engine on
 * SciFact's 14.7k passages (src/bench/peers.ts), each target's verdict computed from the run.
 * Fails when the index files of a served Worker could be downloaded, or a Worker serving over
 * 10,000 passages is not under the free plan's 3 MiB gzip.
 * SciFact is read from ../shared/eval and the documentation from Debian's packages at run time.
 */
import { readScifact } from '../src/eval/datasets.js';
import { runScaleAndPeers } from '../src/bench/scale-run.js';
import { cliProgram, parseOrExit } from './lib/cli.js';

parseOrExit(cliProgram('bench:scale', 'Measures the 1k/17k/100k scale table and the peers (FlexSearch, hnswlib-node) and writes their blocks of docs/bench.md.'), 'bench:scale');
const ok = await runScaleAndPeers(readScifact(), (m) => console.error(`bench:scale: ${m}`));
if (!ok) process.exit(1);
