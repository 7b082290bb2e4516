/**
 * A site owner's own question sets (`npm run eval -- --questions my.jsonl [--offtopic off.jsonl]`):
 * the seeds dev set's JSONL shape, checked line by line so that a typo names its line.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DevQuestion } from './datasets.js';
import type { QuestionsReport } from './run-questions.js';

const DevLine = z.object({ q: z.string().trim().min(1), doc: z.string().min(1), gold: z.array(z.string().min(1)).min(1) }).strict();
const OffTopicLine = z.object({ q: z.string().trim().min(1) });

export class QuestionFileError extends Error {
  override name = 'QuestionFileError';
}

function readLines<T>(file: string, schema: z.ZodType<T>, shape: string): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new QuestionFileError(`${file}: cannot read it (${error instanceof Error ? error.message : String(error)})`);
  }
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new QuestionFileError(`${file}:${i + 1}: not JSON; each line is ${shape}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QuestionFileError(`${file}:${i + 1}: ${issue.path.join('.') || 'line'}: ${issue.message}; each line is ${shape}`);
    }
    out.push(parsed.data);
  });
  if (out.length === 0) throw new QuestionFileError(`${file}: no questions (each line is ${shape})`);
  return out;
}

/** `{"q": "…", "doc": "file the answer is in", "gold": ["text the answer contains", …]}` per line. */
export function readQuestionFile(file: string): DevQuestion[] {
  return readLines(file, DevLine, '{"q": "…", "doc": "path/of/the/page.md", "gold": ["a phrase of the answer"]}');
}

/** `{"q": "…"}` per line: questions the corpus does not answer. */
export function readOffTopicFile(file: string): string[] {
  return readLines(file, OffTopicLine, '{"q": "…"}').map((x) => x.q);
}

/** The console report of an own question set asked against `against` (an index, a folder or a URL). */
export function ownQuestionsReport(file: string, against: string, r: QuestionsReport): string[] {
  const offTopic = r.offTopic.questions ? `, ${r.offTopic.flaggedUnanswerable}/${r.offTopic.questions} off-topic questions flagged` : ' (no --offtopic set)';
  const lines = [
    `${file} against ${against}, top 5:`,
    `  Hit@1 ${r.hit1.toFixed(3)}  Hit@5 ${r.hit5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  (${r.questions} question${r.questions === 1 ? '' : 's'})`,
    `  by page: Hit@1 ${r.pages.hit1.toFixed(3)}  Hit@5 ${r.pages.hit5.toFixed(3)}  MRR ${r.pages.mrr.toFixed(3)}`,
    `  "no answer": ${r.devFlaggedUnanswerable}/${r.questions} answerable questions flagged${offTopic}`,
  ];
  if (r.misses.length) lines.push(`  misses (gold not in the top 5):\n${r.misses.map((m) => `    - ${m.q}\n      expected ${m.doc}, first result ${m.top ?? 'none'}`).join('\n')}`);
  return lines;
}
