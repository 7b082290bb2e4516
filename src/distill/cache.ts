/**
 * Disk cache for teacher vectors, keyed by the texts' content, so iterating on the distillation
 * does not re-run the (slow) teacher. Lives under dist/ (git-ignored); deleting it is always safe.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function cachedVectors(
  dir: string,
  label: string,
  texts: string[],
  dims: number,
  compute: (texts: string[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  const key = createHash('sha256').update(label).update('\0').update(texts.join('\n')).digest('hex').slice(0, 16);
  const file = join(dir, `${label}-${key}.f32`);
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (all.length === texts.length * dims) return texts.map((_, i) => all.slice(i * dims, (i + 1) * dims));
  }
  const vectors = await compute(texts);
  const flat = new Float32Array(texts.length * dims);
  vectors.forEach((v, i) => flat.set(v, i * dims));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, Buffer.from(flat.buffer));
  renameSync(`${file}.tmp`, file);
  return vectors;
}
