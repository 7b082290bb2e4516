/**
 * Finds web boilerplate that is not article content: author bylines and bios, "Website | + posts",
 * "Related/Recent articles" and "Leave a Reply" trailers, image captions and disclosure statements.
 * Pure functions over lines with offsets; nothing is removed from the text itself, so offsets stay
 * true to the source. Rules are patterns, not the seed files' lines.
 */

export interface Line {
  /** Offsets of the line's trimmed content in the source text. */
  start: number;
  end: number;
  text: string;
}

/** Why a line is not article content (the build summary counts them; `--explain` lists them). */
export type BoilerplateRule = 'trailer' | 'profile links' | 'byline or bio' | 'image caption' | 'disclosure' | 'signature';

export interface Boilerplate {
  /** Indexes (into the line array) of lines that are not content. */
  lines: Set<number>;
  /** The rule that matched each of those lines. */
  rules: Map<number, BoilerplateRule>;
  /** The author's name when a byline, bio or disclosure names one. */
  author: string | null;
}

/** Splits text into lines, skipping blank ones, with offsets of each line's trimmed content. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /[^\r\n]+/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const start = m.index + lead;
    lines.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return lines;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** A line after which nothing is article content (navigation, comment forms, link lists). */
const TRAILER = /^(?:(?:related|recent|more|popular|latest|trending|similar)\s+(?:articles|posts|stories|news|reads)|leave\s+a\s+(?:reply|comment)|you\s+(?:may|might)\s+also\s+like|share\s+this(?:\s+article)?|comments?)\s*:?$/i;
/** Author profile links rendered as text, e.g. "Website | + posts". */
const PROFILE_LINKS = /^(?:website|twitter|facebook|linkedin|email)\s*\|.*$|\+\s*posts$/i;
/** "Author: Jane Doe is …", "About the author: …", "By Jane Doe". */
const AUTHOR_BIO = /^(?:about\s+the\s+author|author|written\s+by|by)\s*[:|–—-]?\s+(.+)$/i;
/** Captions naming the image source: "… Image | Rodong Sinmun", "Photo: Reuters". */
const CAPTION = /\b(?:image|photo|photograph|picture|credit|illustration)s?\s*(?:\||:|©)\s*[^|.!?]{1,60}$/i;
/** Conflict-of-interest disclosures (The Conversation and similar). */
const DISCLOSURE = /\b(?:does|do)\s+not\s+work\s+for,\s+consult|\bdisclosed\s+no\s+relevant\s+affiliations|^disclosure(?:\s+statement)?\s*:/i;
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;
const LEADING_NAME = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})(?=\s+(?:is|was|does|do|has|writes|works)\b|,)/u;

export function findBoilerplate(lines: Line[]): Boilerplate {
  const rules = new Map<number, BoilerplateRule>();
  let author: string | null = null;
  const trailerAt = lines.findIndex((l) => words(l.text) <= 8 && TRAILER.test(l.text));
  const contentEnd = trailerAt < 0 ? lines.length : trailerAt;
  for (let i = contentEnd; i < lines.length; i++) rules.set(i, 'trailer');

  for (let i = 0; i < contentEnd; i++) {
    const text = lines[i].text;
    if (PROFILE_LINKS.test(text)) {
      rules.set(i, 'profile links');
      continue;
    }
    const bio = AUTHOR_BIO.exec(text);
    if (bio && (i > 0 || words(text) <= 6)) {
      rules.set(i, 'byline or bio');
      author ??= leadingName(bio[1]);
      continue;
    }
    if (words(text) <= 40 && CAPTION.test(text)) {
      rules.set(i, 'image caption');
      continue;
    }
    if (DISCLOSURE.test(text)) {
      rules.set(i, 'disclosure');
      author ??= leadingName(text);
    }
  }
  // A bare name on its own line at the end of the article is the byline.
  for (let i = contentEnd - 1; i > 0; i--) {
    if (rules.has(i)) continue;
    if (NAME.test(lines[i].text) && words(lines[i].text) <= 4) {
      rules.set(i, 'signature');
      author ??= lines[i].text;
    }
    break;
  }
  return { lines: new Set(rules.keys()), rules, author };
}

function leadingName(text: string): string | null {
  const m = LEADING_NAME.exec(text.trim());
  if (m) return m[1];
  const whole = text.trim();
  return NAME.test(whole) ? whole : null;
}
