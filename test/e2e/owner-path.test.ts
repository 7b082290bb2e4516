/**
 * The site owner's path, end to end, in a temporary copy of the project (its tracked files, with
 * this checkout's node_modules linked in): index a folder of theirs once with
 * `npm run build:index -- --input … --base-url …`, then `npm run build` — what start, deploy and CI
 * run — serve it with `wrangler dev`, and check that /health and /search show that folder, not the
 * seeds; `npm run deploy -- --dry-run` bundles that same index.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type DevServer } from '../../src/bench/wrangler-dev.js';
import { CONFIG_FILE } from '../../src/indexing/config/index.js';

const SITE = 'test/fixtures/repo-docs';
const BASE_URL = 'https://docs.quarry.example/';
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };

/** A copy of the project's tracked files (as a clone has them) with node_modules linked, not copied. */
function copyOfProject(): string {
  const copy = mkdtempSync(join(tmpdir(), 'owner-path-'));
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(file)) continue; // deleted in the work tree, not yet committed
    mkdirSync(join(copy, dirname(file)), { recursive: true });
    cpSync(file, join(copy, file));
  }
  symlinkSync(realpathSync('node_modules'), join(copy, 'node_modules'));
  return copy;
}

function npm(cwd: string, args: string[]): string {
  const run = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} exited with ${run.status}:\n${output}`);
  return output;
}

const builtId = (project: string) => (JSON.parse(readFileSync(join(project, 'dist/index/manifest.json'), 'utf8')) as { build_id: string }).build_id;

describe("the owner's path: index a folder once, then build, serve and deploy that index", () => {
  let project: string;
  let server: DevServer | undefined;
  let buildOutput: string;

  beforeAll(async () => {
    project = copyOfProject();
    npm(project, ['run', 'build:index', '--', '--input', SITE, '--base-url', BASE_URL]);
    buildOutput = npm(project, ['run', 'build']);
    server = await startWranglerDev({ cwd: project, quiet: true });
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('build:index records the folder in the project configuration, and npm run build reads it', () => {
    const config = JSON.parse(readFileSync(join(project, CONFIG_FILE), 'utf8')) as { input: string; baseUrl: string };
    expect(config).toMatchObject({ input: SITE, baseUrl: BASE_URL });
    expect(buildOutput).toContain(`settings: ${CONFIG_FILE}`);
    expect(buildOutput).toMatch(new RegExp(`files: 6 read from .*${SITE.replace(/\//g, '\\/')}`));
  });

  it('/health reports the index of that folder', async () => {
    const health = (await (await fetch(`${server!.url}/health`)).json()) as { build_id: string; documents: number };
    expect(health.build_id).toBe(builtId(project));
    expect(health.documents).toBe(readdirSync(join(project, SITE), { recursive: true }).filter((f) => String(f).endsWith('.md')).length);
  });

  it('/search answers from that folder, with its page URLs, and never from the seeds', async () => {
    const res = await fetch(`${server!.url}/search?q=${encodeURIComponent('how long does a taken job stay hidden from other workers')}&k=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ citation: { source: string; url: string | null } }> };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results[0].citation).toMatchObject({ source: 'Reference/Queues.md', url: `${BASE_URL}Reference/Queues#visibility-timeout` });
    for (const r of body.results) expect(existsSync(join(project, SITE, r.citation.source))).toBe(true);
    const seeds = (await (await fetch(`${server!.url}/search?q=${encodeURIComponent('What did Putin and Kim sign?')}&k=5`)).json()) as { results: Array<{ citation: { source: string } }> };
    for (const r of seeds.results) expect(r.citation.source.endsWith('.txt')).toBe(false);
  });

  it('npm run deploy -- --dry-run bundles the same index (wrangler deploy --dry-run, offline)', () => {
    const out = join(project, 'deploy-out');
    const deployOutput = npm(project, ['run', 'deploy', '--', '--dry-run', '--outdir', out]);
    expect(deployOutput).toContain(`settings: ${CONFIG_FILE}`);
    const served = readFileSync(join(project, 'dist/index/index.bin'));
    const bundled = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.bin'));
    expect(bundled.some((f) => readFileSync(join(out, f)).equals(served))).toBe(true);
  }, 180_000);
});
