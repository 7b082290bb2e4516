/**
 * The README's React and Vue examples are the files test/widget-types type-checks against
 * src/worker/ui/semantic-search.d.ts (npm test runs `tsc -p test/widget-types`): this keeps the two
 * copies the same, so an example that no longer compiles fails the build.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const example = (file: string) => readFileSync(`test/widget-types/${file}`, 'utf8').replace("'../../src/worker/ui/semantic-search.js'", "'./semantic-search'");
/** The code of the README's first fenced block in `language`. */
const block = (language: string) => [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].find((match) => match[1] === language)?.[2];

describe('the README widget examples', () => {
  it('shows the React example that test/widget-types type-checks', () => {
    expect(block('tsx')).toBe(example('react-example.tsx'));
  });

  it('shows, in its Vue example, the <script setup> that test/widget-types type-checks', () => {
    const script = /<script setup lang="ts">\n([\s\S]*?)<\/script>/.exec(block('vue') ?? '')?.[1];
    expect(script).toBe(example('vue-example.ts'));
  });
});
