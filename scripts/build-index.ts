/**
 * npm run build:index -- [options] — builds the search artifact the Worker bundles from a folder
 * tree of articles or documentation pages. Progress and the summary go to stderr; a build that
 * cannot proceed exits 1 with the reason, a mistyped command line exits 2 with the closest flag.
 * CLI parsing by commander (suggestions for misspelt flags, generated help).
 */
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { buildIndex, DEFAULT_MODEL_DIR } from '../src/indexing/index.js';
import { terminalProgress } from '../src/indexing/progress.js';
import { vectorizeInstructions } from '../src/indexing/vectorize.js';

const program = new Command('npm run build:index --')
  .description('Index a folder tree of .txt, .md and .mdx files for the Worker (written atomically).')
  .option('--input <dir>', 'folder to index, read recursively', 'seeds')
  .option('--out <dir>', 'artifact folder (the Worker bundles dist/index)', 'dist/index')
  .option('--model <dir>', 'static model folder', DEFAULT_MODEL_DIR)
  .addOption(new Option('--vectors <where>', 'keep passage vectors in the bundle or in Cloudflare Vectorize (writes vectorize.ndjson)').choices(['bundled', 'vectorize']).default('bundled'))
  .option('--exclude <glob...>', 'files or folders to leave out, relative to --input (node_modules and dot-folders always are)')
  .option('--base-url <url>', "the site's URL for the input folder, e.g. https://example.com/docs/: citations then carry page URLs with #anchors")
  .addOption(new Option('--url-style <style>', 'page URLs without extension (clean) or ending in .html').choices(['clean', 'html']).default('clean'))
  .option('--explain', 'list every block left out by cleaning (boilerplate lines, raw HTML, page chrome) with file, line and reason')
  .showSuggestionAfterError(true)
  .exitOverride()
  .configureOutput({ writeErr: () => {} });

let options: { input: string; out: string; model: string; vectors: 'bundled' | 'vectorize'; exclude?: string[]; baseUrl?: string; urlStyle: 'clean' | 'html'; explain?: boolean };
try {
  options = program.parse(process.argv).opts();
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') process.exit(0);
    // One line with what was wrong (and the closest flag), then the usage; exit 2 like other CLIs.
    console.error(`build:index: ${error.message.replace(/^error: /, '').replace(/\n/g, ' ')}\n\n${program.helpInformation()}`);
    process.exit(2);
  }
  throw error;
}

const bars = terminalProgress();
try {
  const { manifest } = await buildIndex({
    progress: bars.progress,
    input: options.input,
    out: options.out,
    modelDir: options.model,
    vectors: options.vectors,
    exclude: options.exclude,
    explain: options.explain,
    site: options.baseUrl ? { baseUrl: options.baseUrl, style: options.urlStyle } : undefined,
  });
  if (manifest.vectors === 'vectorize') console.error(`the vectors are in ${join(options.out, 'vectorize.ndjson')}; to serve them:\n\n${vectorizeInstructions(join(options.out, 'vectorize.ndjson'), manifest.model.dims)}`);
} catch (error) {
  bars.stop();
  console.error(`build:index failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
