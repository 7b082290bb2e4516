/**
 * The scale and peers tables as one step, shared by `npm run bench` and `npm run bench:scale`:
 * measures both, writes their blocks of docs/bench.md, prints them, and says whether the run passed.
 */
import { encodeArtifact, type IndexArtifact } from '../core/artifact/index.js';
import { scifactDocuments, type ScifactSet } from '../eval/datasets.js';
import { openEngineWithIndex } from '../eval/engine.js';
import { indexDocuments } from '../indexing/index.js';
import { measurePeers, peersBlock } from './peers.js';
import { measureScale, scaleFailures, scaleBlock, writeBenchBlock } from './scale.js';

/** `scifactIndex`: SciFact as `npm run bench` already indexed it in memory (else indexed here). */
export async function runScaleAndPeers(scifact: ScifactSet, log: (m: string) => void, scifactIndex?: IndexArtifact): Promise<boolean> {
  const questions = scifact.queries.map((q) => q.text);
  if (!scifactIndex) log('peers: indexing SciFact in memory…');
  const artifact = scifactIndex ?? (await indexDocuments(scifactDocuments(scifact), { log: () => {} })).artifact;
  log('peers: our engine in three modes, FlexSearch, hnswlib-node…');
  const peers = peersBlock(await measurePeers(openEngineWithIndex(encodeArtifact(artifact)), artifact, scifact));
  writeBenchBlock('bench:peers', peers);
  console.log(peers);
  const rows = await measureScale(scifact, questions, log);
  const scale = scaleBlock(rows, questions.length);
  writeBenchBlock('bench:scale', scale);
  console.log(scale);
  const failures = scaleFailures(rows);
  for (const failure of failures) log(`FAILED — ${failure}`);
  return failures.length === 0;
}
