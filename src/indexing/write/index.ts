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
import { INDEX_ASSETS_PREFIX } from '../../core/storage/format.js';

/** Every file an artifact folder can hold at its top; nothing else is written there, or deleted from there. */
export const ARTIFACT_FILES: readonly string[] = ['index.bin', 'index.hnsw', 'manifest.json', 'vectorize.ndjson'];

/**
 * The folder Workers static assets are served from (wrangler.toml [assets] directory), inside the
 * artifact folder so that one swap replaces the root and its files together. Always written — empty
 * for a bundled index — because Wrangler refuses an [assets] directory that does not exist.
 */
export const ASSETS_DIR = 'assets';
/** The index files' folder under ASSETS_DIR (core/storage: INDEX_ASSETS_PREFIX) and their names. */
const INDEX_FILES_DIR = join(ASSETS_DIR, INDEX_ASSETS_PREFIX);
const INDEX_FILE_NAME = /^(vectors|graph|lexicon|documents|postings|passages)-[0-9a-f]{16}\.bin$/;

/** Whether `name` (relative to the artifact folder) is a file the indexer writes. */
export function isArtifactFile(name: string): boolean {
  return ARTIFACT_FILES.includes(name) || (dirname(name) === INDEX_FILES_DIR && INDEX_FILE_NAME.test(basename(name)));
}

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
  const foreign = [...names.filter((name) => name !== ASSETS_DIR && (!ARTIFACT_FILES.includes(name) || !lstatSync(join(outDir, name)).isFile())), ...foreignAssets(outDir)];
  if (foreign.length > 0) {
    const shown = foreign.sort().slice(0, 3).map((n) => JSON.stringify(n)).join(', ');
    throw new OutputError('OUTPUT_NOT_AN_INDEX', `output folder "${outDir}" is not an index (it holds ${shown}${foreign.length > 3 ? ', …' : ''}): refusing to replace it; give a new or empty folder, or an earlier index`);
  }
  if (!isArtifactManifest(readManifest(join(outDir, 'manifest.json')))) {
    throw new OutputError('OUTPUT_NOT_AN_INDEX', `output folder "${outDir}" is not an index (no manifest.json of one): refusing to replace it; give a new or empty folder, or an earlier index`);
  }
}

/** What the assets folder holds besides index files (shown relative to the artifact folder). */
function foreignAssets(outDir: string): string[] {
  const assets = join(outDir, ASSETS_DIR);
  const kind = lstatOrNull(assets);
  if (kind === null) return [];
  if (!kind.isDirectory()) return [ASSETS_DIR];
  const foreign = readdirSync(assets).filter((name) => name !== INDEX_ASSETS_PREFIX).map((name) => join(ASSETS_DIR, name));
  const files = join(outDir, INDEX_FILES_DIR);
  const filesKind = lstatOrNull(files);
  if (filesKind === null) return foreign;
  if (!filesKind.isDirectory()) return [...foreign, INDEX_FILES_DIR];
  return [...foreign, ...readdirSync(files).map((name) => join(INDEX_FILES_DIR, name)).filter((name) => !isArtifactFile(name) || !lstatSync(join(outDir, name)).isFile())];
}

export function writeAtomically(outDir: string, files: Record<string, Uint8Array | string>, options: WriteOptions = {}): void {
  const unknown = Object.keys(files).filter((name) => !isArtifactFile(name));
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
    mkdirSync(join(fresh, INDEX_FILES_DIR), { recursive: true });
    for (const [name, data] of Object.entries(files)) writeFileSync(join(fresh, name), data);
    // An empty index-files folder is left out: the assets folder of a bundled index stays empty.
    if (readdirSync(join(fresh, INDEX_FILES_DIR)).length === 0) rmdirSync(join(fresh, INDEX_FILES_DIR));
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
  const files = join(dir, INDEX_FILES_DIR);
  if (lstatOrNull(files)?.isDirectory()) {
    for (const name of readdirSync(files)) if (isArtifactFile(join(INDEX_FILES_DIR, name))) rmSync(join(files, name), { force: true });
    removeEmptyFolder(files);
  }
  if (lstatOrNull(join(dir, ASSETS_DIR))?.isDirectory()) removeEmptyFolder(join(dir, ASSETS_DIR));
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
