/**
A local stand-in for a model endpoint, so real agents run offline in tests (DESIGN §12). It speaks two APIs:
- the OpenAI Responses API as codex-acp streams it: `POST …/responses` answered with server-sent events
  (`response.created`, `response.output_item.added`, `response.output_text.delta`, `response.output_item.done`,
  `response.completed`);
- the Gemini API as gemini-cli streams it: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse`
  (test/helpers/stub-gemini-api.ts).
No dependencies; listens on 127.0.0.1 with an OS-chosen port.

What a reply is comes from a script the test passes (default: `defaultScript`), which reads the request:
the last user text and whether the model is being handed a tool result.
*/
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {answerGemini, describeGeminiRequest, geminiRoute} from './stub-gemini-api.js';

export type StubReply =
	/** Streamed assistant text, one delta per chunk, `delayMs` apart. */
	| {readonly kind: 'text'; readonly chunks: readonly string[]; readonly delayMs?: number}
	/** A shell tool call with this command line (so the agent asks permission before running it). */
	| {readonly kind: 'shell'; readonly command: string; readonly callId: string; readonly justification?: string}
	/** Text that keeps streaming every `delayMs` until the agent hangs up (or `maxMs` passes): for cancel. */
	| {readonly kind: 'slow'; readonly chunk: string; readonly delayMs: number; readonly maxMs: number};

export type StubRequest = {
	/** Which API the request was made to. */
	readonly api: 'responses' | 'gemini';
	/** The model named in the path (Gemini API), else undefined. */
	readonly model?: string;
	readonly method: string;
	readonly path: string;
	readonly body: unknown;
	/** Text of the last `user` message in `input` (the prompt), '' when none. */
	readonly lastUserText: string;
	/** The last input item when it is a tool result (`function_call_output`, Gemini `functionResponse`), else undefined. */
	readonly toolOutput?: {readonly callId: string; readonly output: string};
	/** Names of the function tools the agent offered. */
	readonly toolNames: readonly string[];
};

export type StubModelServer = {
	/** Base URL for the agent's provider config, e.g. `http://127.0.0.1:PORT/v1`. */
	readonly baseUrl: string;
	/** `http://127.0.0.1:PORT`: the Gemini API's base (`GOOGLE_GEMINI_BASE_URL`; the client adds `/v1beta/…`). */
	readonly origin: string;
	/** Every request seen, in arrival order. */
	readonly requests: StubRequest[];
	/** Streams the agent hung up on before they were complete (a cancelled turn). */
	readonly aborted: StubRequest[];
	close(): Promise<void>;
};

export type StubScript = (request: StubRequest) => StubReply;

/**
`run: CMD` → a shell tool call of CMD; `slow` → an endless slow stream; a tool result → a short summary of it;
anything else → "stub says: <prompt>" streamed in three chunks.
*/
export const defaultScript: StubScript = request => {
	if (request.toolOutput) return {kind: 'text', chunks: ['tool ', 'finished: ', oneLine(request.toolOutput.output)]};
	const run = /run: (.+)$/m.exec(request.lastUserText);
	if (run) return {kind: 'shell', command: run[1]!.trim(), callId: `call_${request.lastUserText.length}_${Date.now()}`, justification: 'the test asked for it'};
	if (/\bslow\b/.test(request.lastUserText)) return {kind: 'slow', chunk: 'tick ', delayMs: 50, maxMs: 20_000};
	return {kind: 'text', chunks: ['stub ', 'says: ', request.lastUserText]};
};

function oneLine(text: string): string {
	return text.replaceAll(/\s+/g, ' ').trim().slice(0, 200);
}

type InputItem = {type?: string; role?: string; content?: unknown; call_id?: string; output?: unknown};

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map(part => (typeof (part as {text?: unknown}).text === 'string' ? (part as {text: string}).text : '')).join('');
}

function describe(method: string, path: string, body: unknown): StubRequest {
	const input = ((body as {input?: unknown})?.input ?? []) as InputItem[];
	const items = Array.isArray(input) ? input : [];
	const lastUser = items.findLast(item => item.role === 'user' && (item.type === undefined || item.type === 'message'));
	const last = items.at(-1);
	const toolOutput = last?.type === 'function_call_output' || last?.type === 'custom_tool_call_output'
		? {callId: String(last.call_id), output: typeof last.output === 'string' ? last.output : textOf((last.output as {content?: unknown})?.content ?? last.output)}
		: undefined;
	const tools = ((body as {tools?: unknown})?.tools ?? []) as Array<{name?: string}>;
	return {api: 'responses', method, path, body, lastUserText: textOf(lastUser?.content), toolOutput, toolNames: Array.isArray(tools) ? tools.map(tool => tool.name ?? '').filter(Boolean) : []};
}

/** Arguments for whichever shell tool the agent offered (codex picks the tool per model family). */
function shellCall(reply: Extract<StubReply, {kind: 'shell'}>, toolNames: readonly string[]): {name: string; arguments: string} {
	// No `sandbox_permissions: require_escalated`: codex refuses it under `approval_policy = "untrusted"`,
	// which asks the user for every command that is not known safe anyway.
	const extra = reply.justification ? {justification: reply.justification} : {};
	if (toolNames.includes('shell_command')) return {name: 'shell_command', arguments: JSON.stringify({command: reply.command, ...extra})};
	if (toolNames.includes('exec_command')) return {name: 'exec_command', arguments: JSON.stringify({cmd: reply.command, ...extra})};
	return {name: 'shell', arguments: JSON.stringify({command: ['bash', '-lc', reply.command], ...extra})};
}

const usage = {input_tokens: 12, input_tokens_details: {cached_tokens: 0}, output_tokens: 7, output_tokens_details: {reasoning_tokens: 0}, total_tokens: 19};

async function stream(response: ServerResponse, reply: StubReply, toolNames: readonly string[], serial: number, hungUp: () => boolean): Promise<boolean> {
	const send = (type: string, data: Record<string, unknown>) => {
		response.write(`event: ${type}\ndata: ${JSON.stringify({type, ...data})}\n\n`);
	};
	const wait = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	const responseId = `resp_${serial}`;
	const itemId = `msg_${serial}`;
	response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
	send('response.created', {response: {id: responseId}});
	if (reply.kind === 'shell') {
		const call = shellCall(reply, toolNames);
		const item = {type: 'function_call', id: `fc_${serial}`, call_id: reply.callId, name: call.name, arguments: call.arguments, status: 'completed'};
		send('response.output_item.added', {output_index: 0, item: {...item, arguments: ''}});
		send('response.output_item.done', {output_index: 0, item});
	} else {
		send('response.output_item.added', {output_index: 0, item: {type: 'message', id: itemId, role: 'assistant', content: []}});
		let text = '';
		const delta = (piece: string) => {
			text += piece;
			send('response.output_text.delta', {item_id: itemId, output_index: 0, content_index: 0, delta: piece});
		};
		if (reply.kind === 'text') {
			for (const chunk of reply.chunks) {
				delta(chunk);
				if (reply.delayMs) await wait(reply.delayMs);
				if (hungUp()) return false;
			}
		} else {
			const end = Date.now() + reply.maxMs;
			while (Date.now() < end) {
				delta(reply.chunk);
				await wait(reply.delayMs);
				if (hungUp()) return false;
			}
		}
		send('response.output_item.done', {output_index: 0, item: {type: 'message', id: itemId, role: 'assistant', content: [{type: 'output_text', text, annotations: []}]}});
	}
	send('response.completed', {response: {id: responseId, usage}});
	response.end();
	return true;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
	const parts: Buffer[] = [];
	for await (const part of request) parts.push(part as Buffer);
	const text = Buffer.concat(parts).toString('utf8');
	if (!text) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export async function startStubModelServer(script: StubScript = defaultScript): Promise<StubModelServer> {
	const requests: StubRequest[] = [];
	const aborted: StubRequest[] = [];
	let serial = 0;
	const server = createServer((request, response) => {
		void (async () => {
			const path = (request.url ?? '/').split('?')[0]!;
			const body = await readBody(request);
			const gemini = geminiRoute(path);
			const seen = gemini ? describeGeminiRequest(request.method ?? 'GET', path, body) : describe(request.method ?? 'GET', path, body);
			requests.push(seen);
			if (request.method === 'POST' && gemini) {
				let closed = false;
				response.on('close', () => {
					closed = true;
				});
				const complete = await answerGemini(response, gemini.method, script(seen), () => closed);
				if (!complete) aborted.push(seen);
				return;
			}
			if (request.method === 'POST' && path.endsWith('/responses')) {
				let closed = false;
				response.on('close', () => {
					closed = true;
				});
				const complete = await stream(response, script(seen), seen.toolNames, ++serial, () => closed);
				if (!complete) aborted.push(seen);
				return;
			}
			if (request.method === 'GET' && path.endsWith('/models')) {
				// An empty catalogue: the agent falls back to the model named in its config.
				response.writeHead(200, {'content-type': 'application/json'});
				response.end(JSON.stringify({object: 'list', data: [], models: []}));
				return;
			}
			response.writeHead(404, {'content-type': 'application/json'});
			response.end(JSON.stringify({error: {message: `stub model server: no route for ${request.method} ${path}`}}));
		})().catch(error => {
			if (!response.headersSent) response.writeHead(500);
			response.end(String(error));
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		origin: `http://127.0.0.1:${port}`,
		requests,
		aborted,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}
