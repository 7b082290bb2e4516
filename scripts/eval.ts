/**
 * npm run eval -- [--url http://127.0.0.1:8787] [--k 5]
 * Evaluates the search on ../shared/eval/seeds-dev.jsonl (Hit@1, Hit@5, MRR) and the off-topic
 * questions. Without --url it runs the Worker's search core in-process on dist/index; with --url
 * it asks a running server (e.g. `npm run dev`) over HTTP. Starts nothing by itself.
 */
import { parseArgs } from 'node:util';
import { openEngineFromDisk } from '../src/eval/engine.js';
import { evaluateSeeds, type Searcher } from '../src/eval/run-seeds.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    k: { type: 'string', default: '5' },
    index: { type: 'string', default: 'dist/index' },
    json: { type: 'boolean', default: false },
  },
});
const k = Number(values.k);

let search: Searcher;
let target: string;
if (values.url) {
  const base = values.url.replace(/\/$/, '');
  target = base;
  search = async (q, k) => {
    const res = await fetch(`${base}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, k }) });
    if (!res.ok) throw new Error(`${base}/search answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Awaited<ReturnType<Searcher>>;
  };
} else {
  const engine = openEngineFromDisk(values.index);
  target = `in-process (${values.index}, build ${engine.artifact.manifest.build_id})`;
  search = async (q, k) => ({ results: engine.search(q, { k }) });
}

const report = await evaluateSeeds(search, k);
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`seeds dev set via ${target}: ${report.questions} questions`);
  console.log(`  Hit@1 ${report.hit1.toFixed(3)}  Hit@5 ${report.hit5.toFixed(3)}  MRR ${report.mrr.toFixed(3)}`);
  console.log(`  off-topic: ${report.offTopic.flaggedUnanswerable}/${report.offTopic.questions} answered "no answer" (${report.offTopic.answeredNothing} with no results)`);
  console.log(`  dev questions wrongly flagged unanswerable: ${report.devFlaggedUnanswerable}`);
  if (report.misses.length) console.log(`  missed in top ${k}:\n${report.misses.map((m) => `    - ${m.q} [${m.doc}]`).join('\n')}`);
}
