/**
 * npm run build:index -- [options] — builds the search artifact the Worker bundles from a folder
 * tree of articles or documentation pages. Progress and the summary go to stderr; a build that
 * cannot proceed exits 1 with the reason; a mistyped command line exits 2 with the closest flag,
 * and so does an --out the indexer refuses to replace (OutputError), before any work is done.
 * CLI parsing by commander (suggestions for misspelt flags, generated help).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { buildIndex } from '../src/indexing/index.js';
import { DEFAULT_MODEL_DIR } from '../src/indexing/model/load.js';
import { OutputError } from '../src/indexing/write/index.js';
import { modelServingAdvice, resolveModel } from '../src/indexing/model/choice.js';
import { terminalProgress } from '../src/indexing/progress.js';
import { vectorizeInstructions } from '../src/indexing/vectorize.js';

const program = new Command('npm run build:index --')
  .description('Index a folder tree of .txt, .md and .mdx files for the Worker (written atomically).')
  .option('--input <dir>', 'folder to index, read recursively', 'seeds')
  .option('--out <dir>', 'artifact folder (the Worker bundles dist/index): a new or empty folder, or an earlier index — anything else is refused, never replaced', 'dist/index')
  .option('--model <dir|hub id>', 'a static model folder (build:model writes one), or any transformers.js feature-extraction model: a local folder or a hub id in the transformers.js cache (docs/models.md)', DEFAULT_MODEL_DIR)
  .option('--model-id <id>', 'the id to record for a transformers.js model (default: its hub id or folder name); it decides the Workers AI pair')
  .addOption(new Option('--pooling <how>', "how a transformers.js model pools token states (default: the model's config or the known-models table)").choices(['mean', 'cls']))
  .option('--query-prefix <text>', 'text put in front of every question (default: from the model or the known-models table, e.g. bge\'s instruction)')
  .option('--passage-prefix <text>', 'text put in front of every passage (e.g. "passage: " for e5)')
  .option('--allow-download', 'let transformers.js fetch a hub model that is not on this machine (needs the network)')
  .addOption(new Option('--vectors <where>', 'keep passage vectors in the bundle or in Cloudflare Vectorize (writes vectorize.ndjson)').choices(['bundled', 'vectorize']).default('bundled'))
  .option('--exclude <glob...>', 'files or folders to leave out, relative to --input (node_modules and dot-folders always are)')
  .option('--follow-symlinks', 'follow symbolic links that lead out of --input (by default they are skipped and reported: what is indexed becomes public)')
  .option('--base-url <url>', "the site's URL for the input folder, e.g. https://example.com/docs/: citations then carry page URLs with #anchors")
  .addOption(new Option('--url-style <style>', 'page URLs without extension (clean) or ending in .html').choices(['clean', 'html']).default('clean'))
  .option('--explain', 'list every block left out by cleaning (boilerplate lines, raw HTML, page chrome) with file, line and reason')
  .showSuggestionAfterError(true)
  .exitOverride()
  .configureOutput({ writeErr: () => {} });

let options: {
  input: string;
  out: string;
  model: string;
  modelId?: string;
  pooling?: 'mean' | 'cls';
  queryPrefix?: string;
  passagePrefix?: string;
  allowDownload?: boolean;
  vectors: 'bundled' | 'vectorize';
  exclude?: string[];
  followSymlinks?: boolean;
  baseUrl?: string;
  urlStyle: 'clean' | 'html';
  explain?: boolean;
};
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

/** A static model folder has the project's own manifest and weights; anything else is a transformers.js model. */
const isStaticModel = (dir: string) => existsSync(join(dir, 'weights.bin')) && existsSync(join(dir, 'manifest.json'));

const bars = terminalProgress();
try {
  const model = isStaticModel(options.model)
    ? undefined
    : await resolveModel({ model: options.model, id: options.modelId, pooling: options.pooling, queryPrefix: options.queryPrefix, passagePrefix: options.passagePrefix, allowDownload: options.allowDownload });
  if (model) console.error(`model: ${model.identity.id} (transformers.js, ${model.identity.pooling} pooling${model.identity.query_prefix ? `, query prefix ${JSON.stringify(model.identity.query_prefix)}` : ''}${model.identity.passage_prefix ? `, passage prefix ${JSON.stringify(model.identity.passage_prefix)}` : ''}; from ${model.settingsFrom})`);
  const { manifest } = await buildIndex({
    progress: bars.progress,
    input: options.input,
    out: options.out,
    modelDir: model ? DEFAULT_MODEL_DIR : options.model,
    model,
    vectors: options.vectors,
    exclude: options.exclude,
    followSymlinks: options.followSymlinks,
    explain: options.explain,
    site: options.baseUrl ? { baseUrl: options.baseUrl, style: options.urlStyle } : undefined,
  });
  if (model) console.error(modelServingAdvice(manifest.model));
  if (manifest.vectors === 'vectorize') console.error(`the vectors are in ${join(options.out, 'vectorize.ndjson')}; to serve them:\n\n${vectorizeInstructions(join(options.out, 'vectorize.ndjson'), manifest.model.dims)}`);
} catch (error) {
  bars.stop();
  if (error instanceof OutputError) {
    // A wrong --out is a wrong command line: one line, exit 2, nothing written or removed.
    console.error(`build:index: ${error.message}`);
    process.exit(2);
  }
  console.error(`build:index failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
