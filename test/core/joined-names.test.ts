/** File names and dotted paths the corpus writes whole (src/core/lexical/joined-names.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildJoinedNames, nameParts, writesName } from '../../src/core/lexical/joined-names.js';
import { unseenNames } from '../../src/core/confidence/names.js';

const stem = { stem: true };

describe('the names a corpus writes', () => {
  const names = buildJoinedNames(['Add the crate to Cargo.toml, then run `cargo build`.', 'Call std::fs::read_to_string on src/main.rs.', 'Mock it with vi.fn() and read .mocharc.yml.']);

  it('a file name or dotted path the text writes is found, in any case and without its leading dot', () => {
    for (const word of ['Cargo.toml', 'cargo.toml', 'src/main.rs', 'std::fs', 'read_to_string', 'vi.fn', '.mocharc.yml', 'mocharc.yml']) expect(writesName(names, word), word).toBe(true);
  });

  it('a run of consecutive parts of a written name counts as written', () => {
    for (const word of ['main.rs', 'fs::read_to_string', 'std::fs']) expect(writesName(names, word), word).toBe(true);
  });

  it('a name made of words the text uses apart is not written', () => {
    for (const word of ['go.mod', 'cargo.build', 'package.json', 'fs.main']) expect(writesName(names, word), word).toBe(false);
  });

  it('plain words, slashes between words, numbers, versions and abbreviations are not names', () => {
    for (const word of ['cargo', 'and/or', 'async/await', '3.2', 'v3.2.0', 'es2015.promise', 'e.g', 'U.S']) expect(nameParts(word), word).toBeNull();
  });

  it('the same texts give the same bytes, sorted and distinct', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,6}([._:/][a-z]{1,6}){0,4}( [a-z.]{1,8}){0,3}$/), { maxLength: 20 }), (texts) => {
        const a = buildJoinedNames(texts);
        expect(buildJoinedNames([...texts])).toEqual(a);
        for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
      }),
    );
  });
});

describe('a question naming a file the corpus never writes', () => {
  const names = buildJoinedNames(['Add the crate to Cargo.toml, then go and read the mod docs.']);
  const known = (term: string) => ['go', 'mod', 'cargo', 'toml', 'add', 'crate'].includes(term);

  it('counts as naming an unseen thing though each of its words is seen', () => {
    expect(unseenNames('How do I add a dependency to go.mod?', known, stem, undefined, names)).toBe(1);
  });

  it('does not when the corpus writes the name', () => {
    expect(unseenNames('How do I add a crate to Cargo.toml?', known, stem, undefined, names)).toBe(0);
  });

  it('is judged by its words alone for an index built without the names', () => {
    expect(unseenNames('How do I add a dependency to go.mod?', known, stem)).toBe(0);
  });
});
