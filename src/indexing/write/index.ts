/**
 * Writes the artifact folder atomically: everything goes to a temp folder beside the target, which
 * then replaces the target by rename — a crash mid-build leaves the previous artifact intact.
 *
 * The output folder is only ever an index: it is replaced only when it is missing, empty, or holds
 * an earlier artifact and nothing else, and never when it is, holds or lies inside the input. What
 * the swap removes afterwards is removed file by file, by the artifact's own names, so a folder the
 * indexer did not write can never be deleted.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Every file an artifact folder can hold; nothing else is written there, or deleted from there. */
export const ARTIFACT_FILES: readonly string[] = ['index.bin', 'index.hnsw', 'manifest.json', 'vectorize.ndjson'];

export type OutputErrorCode = 'OUTPUT_NOT_A_FOLDER' | 'OUTPUT_NOT_AN_INDEX' | 'OUTPUT_OVERLAPS_INPUT';

/** The output folder cannot safely be replaced by an index (the CLI exits 2: the command line is wrong). */
export class OutputError extends Error {
  constructor(
    readonly code: OutputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

export interface WriteOptions {
  /** The folder the index is built from: the output must not be, hold or lie inside it. */
  input?: string;
  /** Test hook: called after the temp files are written, before the swap. */
  beforeCommit?: () => void;
}

/**
 * Throws an OutputError unless `outDir` may be replaced by an index: a missing folder, an empty one,
 * or one that holds an earlier artifact (a manifest of one, and only artifact files). Cheap: call it
 * before a build starts, not only when it ends.
 */
export function checkOutputFolder(outDir: string, input?: string): void {
  if (input !== undefined) checkApart(outDir, input);
  const kind = lstatOrNull(outDir);
  if (kind === null) return;
  if (kind.isSymbolicLink()) throw new OutputError('OUTPUT_NOT_A_FOLDER', `output folder "${outDir}" is a symbolic link: give the folder it points to`);
  if (!kind.isDirectory()) throw new OutputError('OUTPUT_NOT_A_FOLDER', `output folder "${outDir}" is a file, not a folder: refusing to replace it`);
  const names = readdirSync(outDir);
  if (names.length === 0) return;
  const foreign = names.filter((name) => !ARTIFACT_FILES.includes(name) || !lstatSync(join(outDir, name)).isFile());
  if (foreign.length > 0) {
    const shown = foreign.sort().slice(0, 3).map((n) => JSON.stringify(n)).join(', ');
    throw new OutputError('OUTPUT_NOT_AN_INDEX', `output folder "${outDir}" is not an index (it holds ${shown}${foreign.length > 3 ? ', …' : ''}): refusing to replace it; give a new or empty folder, or an earlier index`);
  }
  if (!isArtifactManifest(readManifest(join(outDir, 'manifest.json')))) {
    throw new OutputError('OUTPUT_NOT_AN_INDEX', `output folder "${outDir}" is not an index (no manifest.json of one): refusing to replace it; give a new or empty folder, or an earlier index`);
  }
}

export function writeAtomically(outDir: string, files: Record<string, Uint8Array | string>, options: WriteOptions = {}): void {
  const unknown = Object.keys(files).filter((name) => !ARTIFACT_FILES.includes(name));
  // A programming error, not a user's: the cleanup below only knows the artifact's own names.
  if (unknown.length > 0) throw new Error(`writeAtomically: not artifact files: ${unknown.join(', ')}`);
  checkOutputFolder(outDir, options.input);
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // A fresh folder of our own beside the target: same file system, so both renames are atomic.
  const staging = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  const fresh = join(staging, 'new');
  const previous = join(staging, 'old');
  try {
    mkdirSync(fresh);
    for (const [name, data] of Object.entries(files)) writeFileSync(join(fresh, name), data);
    options.beforeCommit?.();
    // Again, just before the swap: the folder may have changed while the index was being built.
    checkOutputFolder(outDir, options.input);
    const replacing = lstatOrNull(target) !== null;
    if (replacing) renameSync(target, previous);
    try {
      renameSync(fresh, target);
    } catch (error) {
      if (replacing) renameSync(previous, target);
      throw error;
    }
  } catch (error) {
    // Best effort, and never at the cost of the previous artifact: if it could not be put back, it stays in staging.
    try {
      removeArtifactFolder(fresh);
      removeEmptyFolder(staging);
    } catch {
      // The build's own error is the one to report.
    }
    throw error;
  }
  // Only what the check above proved is an artifact, removed by its own file names.
  removeArtifactFolder(previous);
  removeEmptyFolder(staging);
}

/** Refuses an output that is the input, lies inside it or holds it (compared as real paths, links resolved). */
function checkApart(outDir: string, input: string): void {
  const out = realPathOfMaybeMissing(outDir);
  const source = realPathOfMaybeMissing(input);
  const within = (inner: string, outer: string) => {
    const path = relative(outer, inner);
    return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
  };
  let how: string | null = null;
  if (out === source) how = 'is the input folder';
  else if (within(out, source)) how = `is inside the input folder "${input}"`;
  else if (within(source, out)) how = `holds the input folder "${input}"`;
  if (how) throw new OutputError('OUTPUT_OVERLAPS_INPUT', `output folder "${outDir}" ${how}: write the index to a folder of its own, outside the input`);
}

/** The real path a folder has or would have: its nearest existing ancestor resolved, the rest appended. */
function realPathOfMaybeMissing(path: string): string {
  const missing: string[] = [];
  let existing = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(existing), ...missing.reverse());
    } catch (error) {
      if (!isErrorCode(error, 'ENOENT') || dirname(existing) === existing) throw error;
      missing.push(basename(existing));
      existing = dirname(existing);
    }
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

function readManifest(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** The fields every artifact format has had: enough to tell an index from a stray manifest.json. */
function isArtifactManifest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const manifest = value as Record<string, unknown>;
  const counts = manifest.counts as Record<string, unknown> | null | undefined;
  return (
    Number.isInteger(manifest.format_version) &&
    typeof manifest.build_id === 'string' &&
    typeof manifest.model === 'object' && manifest.model !== null &&
    typeof counts === 'object' && counts !== null &&
    typeof counts.documents === 'number' && typeof counts.passages === 'number' &&
    Array.isArray(manifest.sources)
  );
}

/** Removes an artifact folder by the artifact's file names: anything else in it stops the removal. */
function removeArtifactFolder(dir: string): void {
  if (lstatOrNull(dir) === null) return;
  for (const name of ARTIFACT_FILES) rmSync(join(dir, name), { force: true });
  removeEmptyFolder(dir);
}

function removeEmptyFolder(dir: string): void {
  try {
    rmdirSync(dir);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return;
    if (isErrorCode(error, 'ENOTEMPTY') || isErrorCode(error, 'EEXIST')) throw new Error(`"${dir}" holds files the indexer did not write: left in place`);
    throw error;
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
