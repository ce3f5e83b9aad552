/**
The Gemini API side of the stub model server (test/helpers/stub-model-server.ts), as `@google/genai` (inside
gemini-cli) calls it when `GOOGLE_GEMINI_BASE_URL` points at the stub:
`POST /v1beta/models/<model>:streamGenerateContent?alt=sse` answered with server-sent events, each `data:` line one
`GenerateContentResponse` (`candidates[0].content.parts` = text deltas or one `functionCall`; the last carries
`finishReason: "STOP"` and `usageMetadata`). `:generateContent` (side calls such as the model router's classifier,
made only when the model is `auto`) gets the same reply as one JSON document, `:countTokens` a rough count.

Tool results come back as a `user` content whose part is `functionResponse {id, name, response}`; a rejected
permission comes back the same way with `response.error` ("… was canceled by the user", agent-quirks §1.5).
*/
import type {ServerResponse} from 'node:http';
import type {StubReply, StubRequest} from './stub-model-server.js';

/** `…/models/<model>:<method>` of the Gemini API, or undefined for other paths. */
export function geminiRoute(path: string): {readonly model: string; readonly method: string} | undefined {
	const match = /\/models\/([^/:]+):(streamGenerateContent|generateContent|countTokens)$/.exec(path);
	return match ? {model: match[1]!, method: match[2]!} : undefined;
}

type Part = {text?: unknown; functionCall?: unknown; functionResponse?: {id?: unknown; name?: unknown; response?: unknown}};
type Content = {role?: unknown; parts?: unknown};

function partsOf(content: Content | undefined): Part[] {
	return Array.isArray(content?.parts) ? (content.parts as Part[]) : [];
}

/**
The prompt is the last text part of the last `user` content that has text: gemini-cli sends its
`<session_context>` block as an earlier part of the first user content.
*/
function lastUserText(contents: readonly Content[]): string {
	for (const content of contents.toReversed()) {
		if (content.role !== 'user') continue;
		const texts = partsOf(content).filter(part => typeof part.text === 'string' && !part.text.startsWith('<session_context>'));
		const last = texts.at(-1);
		if (last) return last.text as string;
	}
	return '';
}

function toolOutputOf(contents: readonly Content[]): StubRequest['toolOutput'] {
	const last = contents.at(-1);
	const answer = partsOf(last).find(part => part.functionResponse)?.functionResponse;
	if (last?.role !== 'user' || !answer) return undefined;
	const response = (answer.response ?? {}) as {output?: unknown; error?: unknown};
	const output = typeof response.output === 'string' ? response.output : typeof response.error === 'string' ? `error: ${response.error}` : JSON.stringify(response);
	return {callId: String(answer.id ?? answer.name), output};
}

export function describeGeminiRequest(method: string, path: string, body: unknown): StubRequest {
	const contents = ((body as {contents?: unknown})?.contents ?? []) as Content[];
	const list = Array.isArray(contents) ? contents : [];
	const tools = ((body as {tools?: unknown})?.tools ?? []) as Array<{functionDeclarations?: Array<{name?: string}>}>;
	const toolNames = Array.isArray(tools) ? tools.flatMap(tool => tool.functionDeclarations ?? []).map(declaration => declaration.name ?? '').filter(Boolean) : [];
	return {method, path, body, api: 'gemini', model: geminiRoute(path)?.model, lastUserText: lastUserText(list), toolOutput: toolOutputOf(list), toolNames};
}

const usageMetadata = {promptTokenCount: 12, candidatesTokenCount: 7, totalTokenCount: 19};

function candidate(parts: readonly unknown[], finishReason?: string): Record<string, unknown> {
	return {candidates: [{content: {role: 'model', parts}, index: 0, ...(finishReason ? {finishReason} : {})}], ...(finishReason ? {usageMetadata} : {})};
}

/** gemini-cli's shell tool is `run_shell_command {command, description?}`; the call id comes back in its functionResponse. */
function functionCall(reply: Extract<StubReply, {kind: 'shell'}>): Record<string, unknown> {
	return {functionCall: {id: reply.callId, name: 'run_shell_command', args: {command: reply.command, ...(reply.justification ? {description: reply.justification} : {})}}};
}

/** Answer one Gemini API request; resolves false when the agent hung up before the reply was complete. */
export async function answerGemini(response: ServerResponse, method: string, reply: StubReply, hungUp: () => boolean): Promise<boolean> {
	const wait = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	if (method === 'countTokens') {
		response.writeHead(200, {'content-type': 'application/json'});
		response.end(JSON.stringify({totalTokens: 12}));
		return true;
	}
	if (method === 'generateContent') {
		const parts = reply.kind === 'shell' ? [functionCall(reply)] : [{text: reply.kind === 'text' ? reply.chunks.join('') : reply.chunk}];
		response.writeHead(200, {'content-type': 'application/json'});
		response.end(JSON.stringify(candidate(parts, 'STOP')));
		return true;
	}
	const send = (data: Record<string, unknown>) => {
		response.write(`data: ${JSON.stringify(data)}\r\n\r\n`);
	};
	response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
	if (reply.kind === 'shell') {
		send(candidate([functionCall(reply)], 'STOP'));
	} else if (reply.kind === 'text') {
		for (const chunk of reply.chunks) {
			send(candidate([{text: chunk}]));
			if (reply.delayMs) await wait(reply.delayMs);
			if (hungUp()) return false;
		}
		send(candidate([{text: ''}], 'STOP'));
	} else {
		const end = Date.now() + reply.maxMs;
		while (Date.now() < end) {
			send(candidate([{text: reply.chunk}]));
			await wait(reply.delayMs);
			if (hungUp()) return false;
		}
		send(candidate([{text: ''}], 'STOP'));
	}
	response.end();
	return true;
}
