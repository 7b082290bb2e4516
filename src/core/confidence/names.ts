/**
 * Named things a question mentions that the corpus has never seen: another library, framework,
 * file or person. An unseen everyday word is weak evidence against an answer (a paraphrase uses
 * words the page does not); an unseen name is strong evidence (documentation that never says
 * "webpack" or "go.mod" does not answer questions about them). How specific a word is comes from
 * its shape — identifiers, file names, capitals inside a sentence — and, for plain lower-case words,
 * from whether the model's vocabulary holds it whole: its ~30k pieces are everyday English plus the
 * commonest names, so a word it has to split is rare.
 */
import { extractTerms, stem, type TermOptions } from '../lexical/terms.js';
import { isUnwrittenName } from '../lexical/joined-names.js';

/** Whether a lower-case word is everyday English (one whole piece of the model's vocabulary). */
export type EverydayWords = (word: string) => boolean;

/** An unseen identifier, file name, acronym or capitalised word the vocabulary does not hold: a name. */
export const NAME_WEIGHT = 1;
/** An unseen capitalised word the vocabulary holds ("Sweden", "American"): a common name or a demonym. */
export const LIKELY_NAME_WEIGHT = 0.5;
/**
 * An unseen lower-case word the vocabulary does not hold: another ecosystem's jargon ("virtualenv",
 * "goroutine") as often as a rare spelling or compound ("initialised", "fallback"). Codes with
 * digits weigh the same.
 */
export const RARE_WORD_WEIGHT = 0.25;
/** An unseen everyday word weighs nothing here: paraphrases bring these, and `unseen` already counts them. */
export const EVERYDAY_WEIGHT = 0;

/** Dotted paths and file names, snake_case, paths: "pom.xml", "cy.intercept", ".mocharc.yml", "keep_alive". */
const PATH_OR_FILE = /[\p{L}\p{N}][._/:][\p{L}\p{N}]|^\.[\p{L}]/u;
/** camelCase and kebab-case packages: "moduleNameMapper", "babel-jest". */
const COMPOUND = /\p{Ll}\p{Lu}|\p{L}-\p{L}/u;
const DIGIT = /\p{N}/u;
/** A capital after the first letter: NATO, GraphQL, iOS. */
const INNER_CAPITAL = /^.\P{Lu}*\p{Lu}/u;
const CAPITALISED = /^\p{Lu}/u;
/** Leading/trailing punctuation of a word as typed (a leading dot is kept: ".mocharc.yml"). */
const EDGES = /^[^\p{L}\p{N}.]+|[^\p{L}\p{N}]+$/gu;
const POSSESSIVE = /['’]s$/u;

/**
 * How specific a word looks, 0–1 (the weights above). `first`: the question's first word, whose
 * capital says nothing.
 */
export function wordSpecificity(word: string, first: boolean, everyday?: EverydayWords): number {
  if (PATH_OR_FILE.test(word)) return NAME_WEIGHT;
  // Codes with digits (versions, part numbers, gene names: "RS232", "IFIT1") are what a paraphrase
  // spells differently from its page as often as they name something else.
  if (DIGIT.test(word)) return RARE_WORD_WEIGHT;
  if (COMPOUND.test(word) || INNER_CAPITAL.test(word)) return NAME_WEIGHT;
  const common = everyday && isEveryday(word.toLowerCase(), everyday);
  if (CAPITALISED.test(word) && !first) return common ? LIKELY_NAME_WEIGHT : NAME_WEIGHT;
  // Without a vocabulary a lower-case word cannot be told from an everyday one: it weighs nothing
  // (shapes and capitals above still count).
  if (!everyday) return EVERYDAY_WEIGHT;
  return common ? EVERYDAY_WEIGHT : RARE_WORD_WEIGHT;
}

/** English inflections the vocabulary rarely holds whole: "grieving" is "grieve", "escapees" "escapee". */
const INFLECTION = /(?:ing|ed|es|s|ly|er|ers)$/;

/**
 * An everyday word, or an inflection or British spelling of one (the vocabulary keeps American base
 * forms), or a contraction or compound of everyday parts ("won't", "fallback").
 */
function isEveryday(word: string, everyday: EverydayWords): boolean {
  const parts = word.split(/['’]/).filter((p) => p.length > 1);
  return parts.length > 0 && parts.every((part) => isEverydayForm(part, everyday) || isEverydayCompound(part, everyday));
}

function isEverydayForm(word: string, everyday: EverydayWords): boolean {
  return baseForms(word).some(everyday);
}

/** Two everyday words run together ("drawback", "fallback", "flyover"), each of three letters or more. */
function isEverydayCompound(word: string, everyday: EverydayWords): boolean {
  for (let i = 3; i <= word.length - 3; i++) if (everyday(word.slice(0, i)) && isEverydayForm(word.slice(i), everyday)) return true;
  return false;
}

function baseForms(word: string): string[] {
  // British spellings: the vocabulary is American ("initialised" is "initialized").
  const american = word.replace(/is(e|ed|es|ing|ation)$/, 'iz$1');
  const bare = american.replace(INFLECTION, '');
  const forms = [word, american, stem(word)];
  if (bare !== american && bare.length >= 3) forms.push(bare, `${bare}e`, bare.replace(/(.)\1$/, '$1'), bare.replace(/i$/, 'y'));
  return forms;
}

/** The question's words as typed: split at spaces and dashes (a hyphen stays: ts-node), outer punctuation and possessives off. */
export function typedWords(query: string): string[] {
  return query
    .split(/[\s–—]+/u)
    .map((w) => w.replace(EDGES, '').replace(POSSESSIVE, ''))
    .filter((w) => w !== '');
}

/**
 * The summed specificity of the question's words that the corpus has never seen (a word is unseen
 * when one of its lexical terms is: "karma.conf.js" when the corpus never says "karma"; or, given
 * the corpus's `joinedNames` (joined-names.ts), a file name or dotted path it never writes whole:
 * "go.mod" in a book that says "go" and "mod" but never "go.mod").
 */
export function unseenNames(query: string, isKnown: (term: string) => boolean, options: TermOptions, everyday?: EverydayWords, joinedNames?: Uint32Array): number {
  let total = 0;
  typedWords(query).forEach((word, i) => {
    const terms = extractTerms(word, options);
    // Stopwords ("How", "the") carry no name; an unseen term makes the word unseen.
    const unseen = terms.some((t) => !isKnown(t.term)) || (joinedNames !== undefined && isUnwrittenName(joinedNames, word));
    if (unseen) total += wordSpecificity(word, i === 0, everyday);
  });
  return total;
}
