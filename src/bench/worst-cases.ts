/**
 * The hostile inputs of the indexer's hardening (issue "Hardening, round 2"), one file each, for
 * `npm run bench:worst`: what each costs to build (wall time, peak memory), what came of it, and
 * how large a k = 50 answer over it is. Generated here, so anyone can rerun the same inputs.
 */
export interface WorstCase {
  name: string;
  file: string;
  text: () => string;
  /** A question that matches it, for the answer-size figure. */
  question: string;
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

export const WORST_CASES: WorstCase[] = [
  { name: '5,000 nested list items (Markdown)', file: 'list.md', text: () => `${'- '.repeat(5_000)}deep item\n`, question: 'deep item' },
  { name: '5,000 blockquote markers (Markdown)', file: 'quote.md', text: () => `${'>'.repeat(5_000)} deep quote\n`, question: 'deep quote' },
  { name: '5,000 nested `<div>`s (HTML)', file: 'divs.html', text: () => `<html><body><main>${'<div>'.repeat(5_000)}deep words${'</div>'.repeat(5_000)}</main></body></html>`, question: 'deep words' },
  { name: '3,000-line code block (Markdown)', file: 'code.md', text: () => `# Code\n\n\`\`\`ts\n${lines(3_000, (i) => `const value${i} = compute(input${i}, options); // step ${i}`)}\n\`\`\`\n`, question: 'compute input options' },
  { name: '2,000-row table (Markdown)', file: 'table.md', text: () => `# Options\n\n| Name | Type | Default | Description |\n|---|---|---|---|\n${lines(2_000, (i) => `| option${i} | string | none | Sets option ${i} of the parser |`)}\n`, question: 'how is option 12 of the parser set' },
  { name: 'one line of 1.2 million words (text)', file: 'line.txt', text: () => Array.from({ length: 1_200_000 }, (_, i) => `word${i % 997}`).join(' '), question: 'word12 word500' },
  { name: '10,000 raw-HTML blocks between paragraphs (Markdown)', file: 'raw-html.md', text: () => `# Raw\n\n${lines(10_000, (i) => `<div class="note">raw html block ${i} with some words inside it for the cleaner to count ${'x'.repeat(150)}</div>\n\nParagraph ${i} of prose between the blocks.\n`)}`, question: 'paragraph of prose' },
];
