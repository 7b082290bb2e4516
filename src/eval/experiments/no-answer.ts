/**
 * The "no answer" block of one corpus in docs/eval.md: how the default search flags its answerable
 * and off-topic questions, its reliability table, and what the build calibrated on.
 */
import type { SearchEngine } from '../../core/search/index.js';
import type { LogLine } from '../markdown.js';
import { evaluateNoAnswer, formatNoAnswer, noAnswerSummary, type OffTopicSet } from '../run-no-answer.js';

/** Markdown lines; `progress` gets the one-line summary. */
export async function noAnswerBlock(name: string, engine: SearchEngine, answerable: string[], offTopic: OffTopicSet[], progress: LogLine = () => {}): Promise<string[]> {
  const report = await evaluateNoAnswer(engine, answerable, offTopic);
  progress(noAnswerSummary(name, report));
  const { fitted_on: on, in_sample: misjudged } = engine.artifact.manifest.calibration;
  const fit = `Calibrated at build time on ${on.questions} of the corpus's own pseudo-questions and ${on.probes} off-domain probes (in sample: ${Math.round(misjudged.questions_flagged * 100)}% of the former flagged, ${Math.round(misjudged.probes_answered * 100)}% of the latter answered).`;
  return [formatNoAnswer(name, report), '', fit];
}
