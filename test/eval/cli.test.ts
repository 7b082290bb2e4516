/** scripts/lib/cli.ts: one command-line parser for every script, with the closest flag and exit 2 for a mistake. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Option } from 'commander';
import { cliProgram, EXIT_CODES, finiteNumber, parseCommandLine, positiveInteger, repeatable } from '../../scripts/lib/cli.js';

const argv = (...args: string[]) => ['node', 'script.ts', ...args];
const program = () =>
  cliProgram('demo', 'A demonstration.')
    .option('--dataset <name>', 'what to measure', 'all')
    .option('--requests <n>', 'how many', positiveInteger, 10)
    .option('--model <dir>', 'repeatable', repeatable);

describe('the shared command-line parser', () => {
  it('returns the options, their defaults and the positional arguments', () => {
    const parsed = parseCommandLine(program().argument('[name]'), 'demo', argv('--requests', '3', '--model', 'a', '--model', 'b', 'extra'));
    expect(parsed).toEqual({ ok: true, options: { dataset: 'all', requests: 3, model: ['a', 'b'] }, args: ['extra'] });
  });

  it('answers a mistyped flag with exit code 2, the closest flag and where the usage is, not the whole usage', () => {
    const parsed = parseCommandLine(program(), 'demo', argv('--datset', 'seeds'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.exitCode).toBe(2);
    expect(parsed.message).toBe("demo: unknown option '--datset' (Did you mean --dataset?)\nsee npm run demo -- --help");
  });

  it('says what a flag expected when its value is wrong', () => {
    const parsed = parseCommandLine(program(), 'demo', argv('--requests', 'many'));
    expect(parsed).toMatchObject({ ok: false, exitCode: 2, message: "demo: option '--requests <n>' argument 'many' is invalid. expected a whole number ≥ 1.\nsee npm run demo -- --help" });
  });

  it('says what an invalid choice allows, in two lines', () => {
    const parsed = parseCommandLine(program().addOption(new Option('--mode <m>').choices(['fast', 'slow'])), 'demo', argv('--mode', 'quick'));
    expect(parsed).toMatchObject({ ok: false, exitCode: 2, message: expect.stringMatching(/^demo: option '--mode <m>' argument 'quick' is invalid\. Allowed choices are fast, slow\.\nsee npm run demo -- --help$/) });
  });

  it('documents the exit codes in every --help', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/eval.ts', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(EXIT_CODES);
  });

  it('parses numbers strictly', () => {
    expect(finiteNumber('0.25')).toBe(0.25);
    expect(() => finiteNumber('')).toThrow(/expected a number/);
    expect(() => finiteNumber('x')).toThrow(/expected a number/);
    expect(() => positiveInteger('0')).toThrow(/whole number/);
    expect(() => positiveInteger('1.5')).toThrow(/whole number/);
  });

  it('makes `npm run eval -- --exclude` exit 2 with one line and where the usage is, not a stack trace', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/eval.ts', '--exclude'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("eval: unknown option '--exclude'\nsee npm run eval -- --help\n");
    expect(run.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
  });
});
