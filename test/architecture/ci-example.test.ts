/**
 * The GitHub Actions example (docs/examples/deploy.yml) is a workflow a site owner can copy: it
 * parses, the commands it runs in the project are this project's npm scripts and binaries, it
 * indexes before it deploys, the configuration it describes is valid, and the documentation shows
 * the file as it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { siteConfigSchema } from '../../src/indexing/config/index.js';

const FILE = 'docs/examples/deploy.yml';
const source = readFileSync(FILE, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
}
const workflow = parse(source) as { on: unknown; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
/** The commands run in the project's own folder (the site's generator runs in its own). */
const projectCommands = steps.filter((s) => s.run && !s['working-directory']).flatMap((s) => s.run!.split('\n').map((line) => line.trim()).filter(Boolean));

describe('the GitHub Actions deploy example', () => {
  it('is a workflow: triggers and a job of steps', () => {
    expect(workflow.on).toBeDefined();
    expect(Object.keys(workflow.jobs)).toHaveLength(1);
    expect(steps.length).toBeGreaterThan(3);
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(true);
  });

  it('runs only npm ci, npm scripts of this project, and its installed binaries', () => {
    expect(projectCommands.length).toBeGreaterThan(0);
    for (const command of projectCommands) {
      const [tool, verb, name] = command.split(/\s+/);
      if (tool === 'npm' && verb === 'ci') continue;
      if (tool === 'npm' && verb === 'run') {
        expect(Object.keys(scripts), command).toContain(name);
        continue;
      }
      expect(tool, command).toBe('npx');
      expect(existsSync(`node_modules/.bin/${verb}`), command).toBe(true);
    }
  });

  it('installs, then indexes from the configuration, then deploys with the API token secret', () => {
    const at = (command: string) => projectCommands.findIndex((c) => c.startsWith(command));
    expect(at('npm ci')).toBeGreaterThanOrEqual(0);
    expect(at('npm run build:index')).toBeGreaterThan(at('npm ci'));
    // No --input: the committed semantic-search.config.json says what to index.
    expect(projectCommands[at('npm run build:index')]).toBe('npm run build:index');
    expect(at('npx wrangler deploy')).toBeGreaterThan(at('npm run build:index'));
    const deploy = steps.find((s) => s.run?.includes('wrangler deploy'))!;
    expect(deploy.env?.CLOUDFLARE_API_TOKEN).toBe('${{ secrets.CLOUDFLARE_API_TOKEN }}');
  });

  it('describes a configuration the indexer accepts', () => {
    const config = /^#\s+(\{ "input".*\})$/m.exec(source);
    expect(config).not.toBeNull();
    expect(siteConfigSchema.safeParse(JSON.parse(config![1])).success).toBe(true);
  });

  it('is shown in docs/documentation-sites.md exactly as committed', () => {
    const doc = readFileSync('docs/documentation-sites.md', 'utf8');
    const block = /```yaml\n# Deploys the search Worker[\s\S]*?```/.exec(doc);
    expect(block?.[0]).toBe(`\`\`\`yaml\n${source}\`\`\``);
  });
});
