/**
 * /mcp — the Model Context Protocol endpoint for AI agents (Streamable HTTP, stateless: a server
 * per request, as a Worker has no sessions to keep). Two tools:
 *   - `search`: the /search parameters, validated by the same schema; cited passages as structured
 *     content (the /search response) and as text an LLM can quote with its citations;
 *   - `get_passage`: a passage by id with its neighbours in the document.
 * Errors are tool errors carrying the API's catalogue codes ("INVALID_FILTER: …"); a call whose
 * `name` or `arguments` are of the wrong type, or the tool is unknown, is a JSON-RPC -32602 Invalid params.
 * The SDK's low-level `Server` is used rather than `McpServer` so that argument errors go through
 * the same validation (and codes) as /search; the transport is @hono/mcp's.
 *
 * Limits are those of /search: a 16 KiB body, checked before it is read whole, and one JSON-RPC
 * message per request (batches, removed in MCP 2025-06-18, would let one request — one rate-limit
 * token — run any number of searches).
 */
import { StreamableHTTPTransport } from '@hono/mcp';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ErrorCode, JSONRPCMessageSchema, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { EngineSource } from '../engine/index.js';
import { ApiError, asApiError } from '../errors/index.js';
import { passageJson } from '../passages/index.js';
import { isJsonMediaType } from '../media-type.js';
import { answerSearch, MAX_BODY_BYTES } from '../search/index.js';
import { SearchBodySchema, SearchResponseSchema, type SearchResponse } from '../search/schema.js';
import type { SearchResult } from '../../core/search/results.js';
import { PassageInContextSchema } from '../schemas.js';
import type { AppEnv } from '../types.js';
import { mustBe, numberIn, toApiError } from '../validation.js';

export const MCP_SERVER = { name: 'semantic-search', version: '0.1.0' };
/** Most neighbours `get_passage` returns on each side. */
export const MAX_NEIGHBOURS = 5;

const GetPassageSchema = z
  .object({
    id: z.string({ error: mustBe('must be a passage id from search results, "<doc_id>:<n>"') }).min(1, { error: 'empty; give a passage id from search results' }).max(300, { error: 'at most 300 characters' }).describe('A passage id from search results: "<doc_id>:<n>".'),
    neighbours: numberIn({ min: 0, max: MAX_NEIGHBOURS, whole: true }).default(1).describe(`Passages to include before and after it (0..${MAX_NEIGHBOURS}).`),
  })
  .strict();

const TOOLS = [
  {
    name: 'search',
    title: 'Search the documentation',
    description:
      'Ranked passages that answer a natural-language question, each with an exact citation (document, title, section, URL, character offsets). Check `answerable`: false means the corpus most likely does not answer it. Narrow with `filter` (e.g. `tags = routing AND version >= 2`), count values with `facets`, and `group: "page"` answers pages, each with its best passages.',
    schema: SearchBodySchema,
    outputSchema: SearchResponseSchema,
  },
  {
    name: 'get_passage',
    title: 'Read a passage in context',
    description: 'One passage by id (from search results) with its citation and the passages around it in the same document.',
    schema: GetPassageSchema,
    outputSchema: PassageInContextSchema,
  },
] as const;

/**
 * The tools with their JSON Schemas, converted from the zod schemas once per isolate and only when
 * an agent first lists them (not at start-up, which every /search request would pay for).
 */
let listed: Array<Record<string, unknown>> | undefined;
function toolList() {
  // Draft-07, the dialect the SDK's client validates structured content with (ajv): in 2020-12 a
  // tuple is `prefixItems` + `items: false`, which draft-07 reads as "no items at all".
  // MCP wants `type: "object"` at the top: the search answer is one of two objects (passages or pages).
  const json = (schema: z.ZodType, io: 'input' | 'output') => ({ type: 'object' as const, ...z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-7' }) });
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

/** A search answer as text to quote: each passage under its citation (grouped: under its page). */
export function searchText(body: SearchResponse): string {
  const head = body.answerable ? `The corpus likely answers this (confidence ${body.confidence}).` : `The corpus most likely does not answer this (confidence ${body.confidence}); the closest passages follow.`;
  const passage = (r: SearchResult) => {
    const headings = r.citation.heading_path;
    const where = [r.citation.title, ...(headings[0] === r.citation.title ? headings.slice(1) : headings)].join(' › ');
    const link = r.citation.url ?? `${r.citation.source}, characters ${r.citation.char_start}–${r.citation.char_end}`;
    return `[${r.rank}] ${where} (${link}; passage ${r.id})\n${r.excerpt}`;
  };
  if ('results' in body) return [head, ...body.results.map(passage)].join('\n\n');
  const pages = body.pages.map((p) => [`## ${p.rank}. ${p.title} (${p.url ?? p.source})`, ...p.results.map(passage)].join('\n\n'));
  return [head, ...pages].join('\n\n');
}

/** Text only: clients check structured content against the tool's output schema, errors included. */
function toolError(error: unknown): CallToolResult {
  // The same table as app.onError: core errors get their catalogue code, anything else is INTERNAL.
  const api = asApiError(error);
  return { isError: true, content: [{ type: 'text', text: `${api.code}: ${api.message}` }] };
}

/** What a value is, for an error message: "an array", "null", "a number". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A tools/call request's params → the tool's name and arguments, or -32602 saying which is wrong. */
export function toolCall(params: unknown): { name: string; args: Record<string, unknown> } {
  const names = TOOLS.map((t) => t.name).join(' or ');
  if (!isRecord(params)) throw new McpError(ErrorCode.InvalidParams, `"params" must be an object with the tool's "name" and "arguments" (got ${kindOf(params)})`);
  const { name, arguments: args = {} } = params;
  if (typeof name !== 'string') throw new McpError(ErrorCode.InvalidParams, `"name" must be a string: ${names} (got ${kindOf(name)})`);
  // An unknown tool is a protocol error (-32602), as the MCP spec has it, not a tool's own error.
  if (!TOOLS.some((t) => t.name === name)) throw new McpError(ErrorCode.InvalidParams, `unknown tool "${name.slice(0, 40)}"; the tools are ${names}`);
  if (!isRecord(args)) throw new McpError(ErrorCode.InvalidParams, `"arguments" must be an object of the tool's arguments, e.g. {"q": "…"} (got ${kindOf(args)})`);
  return { name, args };
}

async function callTool(getEngine: EngineSource, env: Env | undefined, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  try {
    if (name === 'search') {
      const parsed = SearchBodySchema.safeParse(args);
      if (!parsed.success) throw toApiError(parsed.error, Object.keys(SearchBodySchema.shape));
      const body = await answerSearch(getEngine, parsed.data, env);
      return { content: [{ type: 'text', text: searchText(body) }], structuredContent: body };
    }
    if (name === 'get_passage') {
      const parsed = GetPassageSchema.safeParse(args);
      if (!parsed.success) throw toApiError(parsed.error, Object.keys(GetPassageSchema.shape));
      const context = await (await getEngine(env)).passageContext(parsed.data.id, parsed.data.neighbours);
      if (!context) throw new ApiError('PASSAGE_NOT_FOUND', `no passage "${parsed.data.id}"; ids look like "<doc_id>:<n>" and come from search results`);
      const passage = passageJson(context);
      // The excerpts (markup removed) are what a model reads; `text` in the structured content stays the verbatim slice.
      const text = [...passage.before.map((n) => n.excerpt), `>>> ${passage.excerpt}`, ...passage.after.map((n) => n.excerpt)].join('\n\n');
      return { content: [{ type: 'text', text: `${context.citation.title} (${context.citation.url ?? context.citation.source})\n\n${text}` }], structuredContent: { ...passage } };
    }
    throw new Error(`tool "${name}" is listed but has no handler`);
  } catch (error) {
    return toolError(error);
  }
}

function mcpServer(getEngine: EngineSource, env: Env | undefined): Server {
  const server = new Server(MCP_SERVER, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolList() }));
  // tools/call is served as the fallback, not through setRequestHandler: the SDK parses a handler's
  // request with its own schema before the handler runs and answers a failure with -32603 and the
  // zod issues as JSON; here the params are checked by toolCall, whose -32602 names the argument.
  server.fallbackRequestHandler = async (request) => {
    if (request.method !== 'tools/call') throw new McpError(ErrorCode.MethodNotFound, 'Method not found');
    const { name, args } = toolCall(request.params);
    return callTool(getEngine, env, name, args);
  };
  return server;
}

/** An HTTP-level refusal as Streamable HTTP has them: a JSON-RPC error that answers no request (id null). */
function jsonRpcError(c: Context<AppEnv>, status: ContentfulStatusCode, code: number, message: string): Response {
  return c.json({ jsonrpc: '2.0', id: null, error: { code, message } }, status);
}

/**
 * POST only: a stateless server has no stream to offer on GET and no session to end on DELETE, so
 * those get 405 (as the Streamable HTTP spec allows) instead of an SSE stream held open with nothing
 * to say. Before the transport sees a request, it is checked here in the order /search checks its
 * own: media type (415), size (413, by Content-Length or while streaming), JSON (-32700), then one
 * JSON-RPC message (-32600).
 */
export function mcpRoutes(getEngine: EngineSource) {
  const app = new Hono<AppEnv>();
  app.post('/mcp', async (c, next) => {
    // The transport's own check only looks for "application/json" anywhere in the header.
    // -32000 and the message are the transport's, so a client sees one 415 whichever check fails.
    if (!isJsonMediaType(c.req.header('content-type'))) return jsonRpcError(c, 415, ErrorCode.ConnectionClosed, 'Unsupported Media Type: Content-Type must be application/json');
    await next();
  });
  app.post(
    '/mcp',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => jsonRpcError(c, 413, ErrorCode.InvalidRequest, `Invalid Request: the body must be at most ${MAX_BODY_BYTES} bytes`),
    }),
  );
  app.post('/mcp', async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return jsonRpcError(c, 400, ErrorCode.ParseError, 'Parse error: the body is not valid JSON');
    }
    if (Array.isArray(body)) return jsonRpcError(c, 400, ErrorCode.InvalidRequest, 'Invalid Request: JSON-RPC batches are not supported (MCP 2025-06-18 removed them); send one message per request');
    const message = JSONRPCMessageSchema.safeParse(body);
    if (!message.success) return jsonRpcError(c, 400, ErrorCode.InvalidRequest, 'Invalid Request: not a JSON-RPC 2.0 request, notification or response');

    const transport = new StreamableHTTPTransport();
    await mcpServer(getEngine, c.env).connect(transport);
    try {
      const response = await transport.handleRequest(c, body);
      // The transport accepts a notification with a JSON `null`; 202 Accepted carries no body.
      return response?.status === 202 ? c.body(null, 202) : response;
    } catch (error) {
      // The transport's refusals (406 Not Acceptable, …) are responses with their own status and
      // JSON-RPC error: answer with them rather than let app.onError rewrite them as a 400.
      if (error instanceof HTTPException && error.res) return error.getResponse();
      throw error;
    }
  });
  return app;
}
