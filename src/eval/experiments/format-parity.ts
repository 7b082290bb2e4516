/**
 * "HTML costs nothing in quality": the same pages indexed from their Markdown sources and from
 * the HTML a generator built from them, asked the same questions with the shipped ranking. The
 * gap is the cost of reading generator output (page chrome, markup) instead of the author's source.
 */
import type { SearchEngine } from '../../core/search/index.js';
import type { DevQuestion } from '../datasets.js';
import type { LogLine, Table } from '../markdown.js';
import { evaluateQuestions, questionsSummary, type QuestionsReport } from '../run-questions.js';

/** How far below the Markdown row the HTML row's Hit@5 may be (the goal). */
export const HTML_HIT5_TOLERANCE = 0.03;

export interface FormatCorpus {
  /** What the row was read from, e.g. "Markdown sources". */
  readFrom: string;
  engine: SearchEngine;
  /** The questions, their `doc` naming this corpus's files (`.md` or `.html`). */
  questions: DevQuestion[];
}

export interface FormatParity {
  table: Table;
  /** HTML's Hit@5 minus Markdown's (negative: HTML does worse). */
  hit5Gap: number;
  /** One sentence with both figures and the gap against the goal. */
  verdict: string;
}

const cell = (x: number) => x.toFixed(3);

/** Both rows with the default ranking; `markdown` is the reference, `html` the same pages built. */
export async function formatParity(markdown: FormatCorpus, html: FormatCorpus, progress: LogLine = () => {}): Promise<FormatParity> {
  const rows: string[][] = [];
  const reports: QuestionsReport[] = [];
  for (const corpus of [markdown, html]) {
    const report = await evaluateQuestions((q, k) => corpus.engine.search(q, { k }), corpus.questions, []);
    progress(questionsSummary(`${corpus.readFrom} (default ranking)`, report));
    const { documents, passages } = corpus.engine.artifact;
    rows.push([corpus.readFrom, String(documents.length), String(passages.length), cell(report.hit1), cell(report.hit5), cell(report.mrr)]);
    reports.push(report);
  }
  const [md, built] = reports;
  const hit5Gap = built.hit5 - md.hit5;
  const within = hit5Gap >= -HTML_HIT5_TOLERANCE - 1e-9;
  const verdict = `Hit@5 ${cell(built.hit5)} from the built HTML against ${cell(md.hit5)} from the Markdown (${hit5Gap >= 0 ? '+' : ''}${cell(hit5Gap)}): ${within ? 'within' : 'outside'} the ${HTML_HIT5_TOLERANCE} the HTML reading may cost; Hit@1 ${cell(built.hit1)} against ${cell(md.hit1)}.`;
  return { table: { headers: ['pages read from', 'pages', 'passages', 'Hit@1', 'Hit@5', 'MRR'], rows }, hit5Gap, verdict };
}
