/**
 * The command line of every `npm run <script> --`, by commander (as scripts/build-index.ts): a
 * misspelt flag names the closest one, a bad value says what was expected, and either exits 2 with
 * where to find the usage — never the whole usage, which would scroll the one line that matters away,
 * nor a stack. `--help` prints the generated usage, with the exit codes, and exits 0.
 */
import { Command, CommanderError, InvalidArgumentError, type OptionValues } from 'commander';

/** A program for `npm run <script> --`; add options to it, then `parseOrExit` it. */
export function cliProgram(script: string, description: string): Command {
  return new Command(`npm run ${script} --`)
    .description(description)
    .showSuggestionAfterError(true)
    .exitOverride()
    // Errors are reported by parseCommandLine (one line, then where the usage is), not by commander.
    .configureOutput({ writeErr: () => {} })
    .addHelpText('after', `\n${EXIT_CODES}`);
}

/** What every script's exit status means (scripts and CI branch on it). */
export const EXIT_CODES = 'Exit codes: 0 done (or --help), 1 the run failed (the reason is on stderr), 2 a usage error (an unknown option, a bad value or path; nothing was done).';

export type ParsedCommandLine<T> = { ok: true; options: T; args: string[] } | { ok: false; exitCode: 0 | 2; message: string };

/** Parses `argv` (node, script, then the arguments) without exiting: what to run, or what to say and the exit code. */
export function parseCommandLine<T extends OptionValues>(program: Command, script: string, argv: readonly string[]): ParsedCommandLine<T> {
  try {
    program.parse([...argv]);
    return { ok: true, options: program.opts<T>(), args: program.args };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help (and --version) were printed by commander already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return { ok: false, exitCode: 0, message: '' };
    return { ok: false, exitCode: 2, message: `${script}: ${error.message.replace(/^error: /, '').replace(/\n/g, ' ')}\nsee ${program.name()} --help` };
  }
}

/** `parseCommandLine` for a script's top level: exits 0 after --help, 2 (message on stderr) for a mistyped command line. */
export function parseOrExit<T extends OptionValues>(program: Command, script: string, argv: readonly string[] = process.argv): { options: T; args: string[] } {
  const parsed = parseCommandLine<T>(program, script, argv);
  if (parsed.ok) return parsed;
  if (parsed.message) console.error(parsed.message);
  process.exit(parsed.exitCode);
}

/** Value parser for a flag that takes a finite number. */
export function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number.');
  return n;
}

/** Value parser for a flag that takes a whole number ≥ 1. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
}

/** Value parser for a flag that may be given several times: each value is appended (after a `--no-` form, afresh). */
export function repeatable(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
}
