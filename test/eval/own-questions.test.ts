/** `npm run eval -- --questions`: a site owner measures their own corpus with their own question set. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuestionFileError, readQuestionFile } from '../../src/eval/own-questions.js';

const evalCli = (...args: string[]) => spawnSync('node_modules/.bin/tsx', ['scripts/eval.ts', ...args], { encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'own-questions-'));

describe('your own eval set', () => {
  it('prints Hit@1, Hit@5, MRR and the "no answer" rates for a corpus indexed from --input', () => {
    const run = evalCli('--questions', 'test/fixtures/eval/beekeeping-dev.jsonl', '--offtopic', 'test/fixtures/eval/beekeeping-offtopic.jsonl', '--input', 'test/fixtures/beekeeping');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Hit@1 \d\.\d{3} {2}Hit@5 \d\.\d{3} {2}MRR \d\.\d{3} {2}\(5 questions\)/);
    expect(run.stdout).toMatch(/"no answer": \d\/5 answerable questions flagged, \d\/3 off-topic questions flagged/);
  });

  it('lists the questions it missed with what came first instead', () => {
    const file = join(work, 'one-wrong.jsonl');
    writeFileSync(file, `${JSON.stringify({ q: 'When is honey ready to take?', doc: 'swarming.md', gold: ['capped most of the cells'] })}\n`);
    const run = evalCli('--questions', file, '--input', 'test/fixtures/beekeeping');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Hit@5 0.000');
    expect(run.stdout).toContain('- When is honey ready to take?');
    expect(run.stdout).toMatch(/expected swarming\.md, first result harvest\.md/);
  });

  it('names the line and field of a malformed question', () => {
    const file = join(work, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ q: 'ok?', doc: 'a.md', gold: ['x'] })}\n${JSON.stringify({ q: 'no gold', doc: 'a.md' })}\n`);
    expect(() => readQuestionFile(file)).toThrow(QuestionFileError);
    expect(() => readQuestionFile(file)).toThrow(/bad\.jsonl:2: gold: .*each line is \{"q"/);
    const run = evalCli('--questions', file, '--input', 'test/fixtures/beekeeping');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^eval: .*bad\.jsonl:2: gold/);
  });
});
