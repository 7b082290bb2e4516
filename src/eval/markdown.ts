/** Markdown for the generated docs (docs/eval.md, docs/model.md, docs/bench.md). */

/** What an experiment measures: a table the scripts print and write to the docs. */
export interface Table {
  headers: string[];
  rows: string[][];
}

/** One line of an experiment's progress, as it is measured (the scripts print them). */
export type LogLine = (line: string) => void;

/** A Markdown table. */
export function table(headers: string[], rows: Array<Array<string | number>>): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/**
 * Replaces the block between `<!-- name:begin -->` and `<!-- name:end -->` with `content` (or
 * appends it), so each generated table can be rewritten on its own.
 */
export function replaceBlock(doc: string, name: string, content: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${content}\n${end}`;
  const at = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  return at >= 0 && stop > at ? doc.slice(0, at) + block + doc.slice(stop + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
}
