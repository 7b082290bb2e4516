/**
 * Run by `npm run bench` in a fresh Node process (with --expose-gc): prints the bytes of heap and
 * buffers an isolate holds after loading the index artifact given as argv[2] — or the index folder,
 * for an index in static assets — opening it and answering the questions of argv[3] (a JSON file),
 * after garbage collection. A fresh process, so nothing left over from the rest of the benchmark counts.
 */
import { readFileSync, statSync } from 'node:fs';
import { openEngineWithIndex, openEngineFromFolder } from '../../src/eval/engine.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc');
const questions = JSON.parse(readFileSync(process.argv[3], 'utf8')) as string[];
const used = () => {
  collect();
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const before = used();
const engine = statSync(process.argv[2]).isDirectory() ? await openEngineFromFolder(process.argv[2]) : openEngineWithIndex(new Uint8Array(readFileSync(process.argv[2])));
for (const q of questions) await engine.search(q, { k: 5 });
const after = used();
console.log(after - before);
void engine;
