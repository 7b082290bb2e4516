/**
 * General-English training sentences for the sentence-level distillation: WordNet glosses and
 * their usage examples (Debian package `wordnet-base`). Not an evaluation set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WORDNET_DIR = '/usr/share/wordnet';
const PARTS = ['data.noun', 'data.verb', 'data.adj', 'data.adv'];

/**
 * Every `stride`-th synset of WordNet, as "lemma, lemma: definition" plus its quoted examples,
 * in file order — deterministic for a given package version.
 */
export function readWordNetSentences(stride: number, dir = WORDNET_DIR): string[] {
  if (!existsSync(join(dir, 'data.noun'))) {
    throw new Error(`WordNet not found in ${dir}: install it with "apt-get install wordnet-base"`);
  }
  const out: string[] = [];
  let index = 0;
  for (const part of PARTS) {
    for (const line of readFileSync(join(dir, part), 'utf8').split('\n')) {
      if (line === '' || line.startsWith('  ')) continue; // licence header lines start with two spaces
      if (index++ % stride !== 0) continue;
      const bar = line.indexOf(' | ');
      if (bar < 0) continue;
      const fields = line.slice(0, bar).split(' ');
      const wordCount = parseInt(fields[3], 16);
      const lemmas: string[] = [];
      for (let w = 0; w < wordCount; w++) lemmas.push(fields[4 + 2 * w].replace(/\(.*\)$/, '').replaceAll('_', ' '));
      const gloss = line.slice(bar + 3).trim();
      const parts = gloss.split(/;\s*/);
      const definitions = parts.filter((p) => !p.startsWith('"')).join('; ');
      if (definitions) out.push(`${lemmas.join(', ')}: ${definitions}`);
      for (const p of parts) if (p.startsWith('"')) out.push(p.replace(/^"|"$/g, '').replace(/"\s*$/, ''));
    }
  }
  return out;
}
