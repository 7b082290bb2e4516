/**
 * The identity of the indexer that wrote an artifact: its model and every file of its source. A
 * cache of indexed artifacts (SciFact's, minutes to build) is keyed by it, so any change that could
 * shape passages or vectors — including a file added later — builds afresh instead of serving stale
 * figures. Deliberately coarse: a change to a comment costs one rebuild, a missed file costs wrong numbers.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The search core (artifact format, vectors, BM25, sentences, model) and the indexer itself. */
export const INDEXER_SOURCE_ROOTS: readonly string[] = ['src/core', 'src/indexing'];

/** A static model folder, or a transformers.js model by its content hash (its folder may hold several graphs). */
export type FingerprintModel = string | { identity: { hash: string } };

/** Every file under `dir`, relative to it with '/' separators, sorted so the order never depends on the file system. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .sort();
}

/** Each file's path and bytes, delimited so that moving bytes between files changes the hash. */
function hashFiles(hash: Hash, dir: string): void {
  for (const file of filesUnder(dir)) hash.update(`${dir}/${file}\0`).update(readFileSync(join(dir, file))).update('\0');
}

/** sha256 (hex) of the model and of every file under `sourceRoots` (paths relative to the working directory). */
export function indexerFingerprint(model: FingerprintModel, sourceRoots: readonly string[] = INDEXER_SOURCE_ROOTS): string {
  const hash = createHash('sha256');
  if (typeof model === 'string') hashFiles(hash, model);
  else hash.update(`model ${model.identity.hash}\0`);
  for (const root of sourceRoots) hashFiles(hash, root);
  return hash.digest('hex');
}
