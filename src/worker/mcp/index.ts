/**
 * /mcp — the Model Context Protocol endpoint for AI agents (Streamable HTTP, stateless: a server
 * per request, as a Worker has no sessions to keep). Two tools:
 *   - `search`: the /search parameters, validated by the same schema; cited passages as structured
 *     content (the /search response) and as text an LLM can quote with its citations;
 *   - `get_passage`: a passage by id with its neighbours in the document.
 * Errors are tool errors carrying the API's catalogue codes ("INVALID_FILTER: …").
 * The SDK's low-level `Server` is used rather than `McpServer` so that argument errors go through
 * the same validation (and codes) as /search; the transport is @hono/mcp's.
 */
import { StreamableHTTPTransport } from '@hono/mcp';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { z } from 'zod';
import type { EngineSource } from '../engine/index.js';
import { ApiError } from '../errors/index.js';
import { passageJson } from '../passages/index.js';
import { answerSearch } from '../search/index.js';
import { SearchBodySchema, SearchResponseSchema } from '../search/schema.js';
import type { AppEnv } from '../types.js';
import { toApiError } from '../validation.js';

export const MCP_SERVER = { name: 'semantic-search', version: '0.1.0' };
/** Most neighbours `get_passage` returns on each side. */
export const MAX_NEIGHBOURS = 5;

const GetPassageSchema = z
  .object({
    id: z.string().min(1).max(300).describe('A passage id from search results: "<doc_id>:<n>".'),
    neighbours: z.number().int().min(0).max(MAX_NEIGHBOURS).default(1).describe(`Passages to include before and after it (0..${MAX_NEIGHBOURS}).`),
  })
  .strict();

const TOOLS = [
  {
    name: 'search',
    title: 'Search the documentation',
    description:
      'Ranked passages that answer a natural-language question, each with an exact citation (document, title, section, URL, character offsets). Check `answerable`: false means the corpus most likely does not answer it. Narrow with `filter` (e.g. `tags = routing AND version >= 2`) and count values with `facets`.',
    schema: SearchBodySchema,
    outputSchema: SearchResponseSchema,
  },
  {
    name: 'get_passage',
    title: 'Read a passage in context',
    description: 'One passage by id (from search results) with its citation and the passages around it in the same document.',
    schema: GetPassageSchema,
    outputSchema: undefined,
  },
] as const;

/**
 * The tools with their JSON Schemas, converted from the zod schemas once per isolate and only when
 * an agent first lists them (not at start-up, which every /search request would pay for).
 */
let listed: Array<Record<string, unknown>> | undefined;
function toolList() {
  const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as { type: 'object' };
  listed ??= TOOLS.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: json(t.schema, 'input'),
    ...(t.outputSchema ? { outputSchema: json(t.outputSchema, 'output') } : {}),
    annotations: { readOnlyHint: true, openWorldHint: false },
  }));
  return listed;
}

/** A search answer as text to quote: each passage under its citation. */
export function searchText(body: Awaited<ReturnType<typeof answerSearch>>): string {
  const head = body.answerable ? `The corpus likely answers this (confidence ${body.confidence}).` : `The corpus most likely does not answer this (confidence ${body.confidence}); the closest passages follow.`;
  const results = body.results.map((r) => {
    const where = [r.citation.title, ...r.citation.heading_path.slice(1)].join(' › ');
    const link = r.citation.url ?? `${r.citation.source}, characters ${r.citation.char_start}–${r.citation.char_end}`;
    return `[${r.rank}] ${where} (${link}; passage ${r.id})\n${r.excerpt}`;
  });
  return [head, ...results].join('\n\n');
}

/** Text only: clients check structured content against the tool's output schema, errors included. */
function toolError(error: unknown): CallToolResult {
  const api = error instanceof ApiError ? error : new ApiError('INTERNAL', 'the tool failed unexpectedly');
  return { isError: true, content: [{ type: 'text', text: `${api.code}: ${api.message}` }] };
}

function mcpServer(getEngine: EngineSource, env: Env | undefined): Server {
  const server = new Server(MCP_SERVER, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolList() }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params }): Promise<CallToolResult> => {
    try {
      if (params.name === 'search') {
        const parsed = SearchBodySchema.safeParse(params.arguments ?? {});
        if (!parsed.success) throw toApiError(parsed.error, Object.keys(SearchBodySchema.shape));
        const body = await answerSearch(getEngine, parsed.data, env);
        return { content: [{ type: 'text', text: searchText(body) }], structuredContent: body };
      }
      if (params.name === 'get_passage') {
        const parsed = GetPassageSchema.safeParse(params.arguments ?? {});
        if (!parsed.success) throw toApiError(parsed.error, Object.keys(GetPassageSchema.shape));
        const context = getEngine(env).context(parsed.data.id, parsed.data.neighbours);
        if (!context) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${parsed.data.id}"; ids look like "<doc_id>:<n>" and come from search results`);
        const passage = passageJson(context);
        const text = [...passage.before.map((n) => n.text), `>>> ${passage.text}`, ...passage.after.map((n) => n.text)].join('\n\n');
        return { content: [{ type: 'text', text: `${context.citation.title} (${context.citation.url ?? context.citation.source})\n\n${text}` }], structuredContent: passage };
      }
      throw new ApiError('NOT_FOUND', `no tool "${params.name}"; the tools are ${TOOLS.map((t) => t.name).join(', ')}`);
    } catch (error) {
      return toolError(error);
    }
  });
  return server;
}

/**
 * POST only: a stateless server has no stream to offer on GET and no session to end on DELETE, so
 * those get 405 (as the Streamable HTTP spec allows) instead of an SSE stream held open with nothing
 * to say.
 */
export function mcpRoutes(getEngine: EngineSource) {
  const app = new Hono<AppEnv>();
  app.post('/mcp', async (c) => {
    const transport = new StreamableHTTPTransport();
    await mcpServer(getEngine, c.env).connect(transport);
    return transport.handleRequest(c);
  });
  return app;
}
