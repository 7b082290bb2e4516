/**
 * Technical training text for the distillation: the prose paragraphs of Debian's documentation
 * packages (git-doc, postgresql-doc, sqlite3-doc), split into sentences. General English comes from
 * WordNet (wordnet.ts); this adds how software documentation is phrased. Never an evaluation set:
 * the Python documentation (the Python FAQ is a dev set) and Hono's documentation are not read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { countWords, splitSentences } from '../core/sentences/index.js';

/** Debian package → folder of HTML pages it installs. */
export const DOC_PACKAGES: Record<string, string> = {
  'git-doc': '/usr/share/doc/git-doc',
  'postgresql-doc': '/usr/share/doc/postgresql-doc-15/html',
  'sqlite3-doc': '/usr/share/doc/sqlite3-doc',
};

const MIN_WORDS = 5;
const MAX_WORDS = 60;

/**
 * Sentences of every <p> of every page, in sorted file order (deterministic for given package
 * versions), whitespace collapsed, 5–60 words, each kept once.
 */
export function readDocSentences(packages = DOC_PACKAGES): string[] {
  const missing = Object.entries(packages).filter(([, dir]) => !existsSync(dir));
  if (missing.length) throw new Error(`documentation not found (${missing.map(([p, d]) => `${p} in ${d}`).join(', ')}): install it with "apt-get install ${missing.map(([p]) => p).join(' ')}"`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of Object.values(packages)) {
    const pages = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
    for (const page of pages) {
      const document = parseDocument(readFileSync(join(dir, page), 'utf8'));
      for (const p of DomUtils.getElementsByTagName('p', document)) {
        const text = DomUtils.textContent(p).replace(/\s+/g, ' ').trim();
        for (const span of splitSentences(text)) {
          const sentence = text.slice(span.start, span.end);
          const words = countWords(sentence);
          if (words < MIN_WORDS || words > MAX_WORDS || seen.has(sentence)) continue;
          seen.add(sentence);
          out.push(sentence);
        }
      }
    }
  }
  return out;
}
