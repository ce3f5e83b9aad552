/**
One prompt turn of the demo agent: the building blocks (streamed text, tool calls, permission requests,
client terminals) that the scripts in scripts.ts are made of. Every wait is abortable: `session/cancel`
aborts the turn's signal and the turn ends with `cancelled` promptly (DESIGN §4.3, acp-client-reference §5).
*/
import {randomUUID} from 'node:crypto';
import {
	methods,
	type AgentContext,
	type ClientCapabilities,
	type PermissionOption,
	type SessionUpdate,
	type ToolCallContent,
	type ToolCallUpdate,
} from '../acp/agent-side.js';
import type {HistoryItem, StoredSession} from './store.js';

/** Thrown inside a turn when it was cancelled; the prompt handler answers `stopReason: "cancelled"`. */
export class Cancelled extends Error {
	override name = 'Cancelled';
}

/** What a turn needs from the agent around it. */
export type TurnEnvironment = {
	readonly client: AgentContext;
	readonly capabilities: ClientCapabilities;
	/** Write a raw line to stdout between protocol messages (the `!garbage` directive). */
	readonly rawWrite: (text: string) => Promise<void>;
	/** Exit the process (the `!crash` directive). */
	readonly exit: (code: number) => void;
};

/** The per-process state of a session; `stored` is what goes to disk. */
export type LiveSession = {
	readonly stored: StoredSession;
	/** Set by an `allow_always` answer: later edits in this session skip the question. */
	allowAlways: boolean;
	turn?: AbortController;
	/** Tokens "used" so far, for `usage_update`. */
	used: number;
};

export const permissionOptions: PermissionOption[] = [
	{optionId: 'allow-once', name: 'Allow once', kind: 'allow_once'},
	{optionId: 'allow-always', name: 'Always allow', kind: 'allow_always'},
	{optionId: 'reject-once', name: 'Reject', kind: 'reject_once'},
	{optionId: 'reject-always', name: 'Always reject', kind: 'reject_always'},
];

export type PermissionAnswer = {readonly allowed: boolean; readonly kind: string; readonly optionId: string};

type ToolItem = Extract<HistoryItem, {role: 'tool'}>;
type Mutable<T> = {-readonly [K in keyof T]: T[K]};

export class Turn {
	readonly env: TurnEnvironment;
	readonly session: LiveSession;
	readonly signal: AbortSignal;
	readonly text: string;
	/** Agent text said since the last tool call, flushed into the history before each tool item. */
	private reply = '';

	constructor(env: TurnEnvironment, session: LiveSession, signal: AbortSignal, text: string) {
		this.env = env;
		this.session = session;
		this.signal = signal;
		this.text = text;
	}

	get sessionId(): string {
		return this.session.stored.sessionId;
	}

	get cwd(): string {
		return this.session.stored.cwd;
	}

	checkCancelled(): void {
		if (this.signal.aborted) throw new Cancelled('cancelled');
	}

	async update(update: SessionUpdate): Promise<void> {
		await this.env.client.notify(methods.client.session.update, {sessionId: this.sessionId, update});
	}

	/** An update kind the SDK's schema does not know (DESIGN §4.7): sent raw, it is not validated on the way out. */
	async rawUpdate(update: Record<string, unknown>): Promise<void> {
		await this.env.client.notify('session/update', {sessionId: this.sessionId, update});
	}

	async sleep(ms: number): Promise<void> {
		this.checkCancelled();
		if (ms <= 0) return;
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				clearTimeout(timer);
				reject(new Cancelled('cancelled'));
			};
			const timer = setTimeout(() => {
				this.signal.removeEventListener('abort', onAbort);
				resolve();
			}, ms);
			this.signal.addEventListener('abort', onAbort, {once: true});
		});
	}

	/** Resolves when the turn is cancelled (then throws Cancelled). */
	async untilCancelled(): Promise<never> {
		await new Promise<void>((resolve) => {
			if (this.signal.aborted) resolve();
			else this.signal.addEventListener('abort', () => resolve(), {once: true});
		});
		throw new Cancelled('cancelled');
	}

	/** Race `promise` against cancellation; a late rejection of `promise` is swallowed. */
	async orCancel<T>(promise: Promise<T>): Promise<T> {
		promise.catch(() => undefined);
		return Promise.race([promise, this.untilCancelled()]);
	}

	/** Stream agent text in chunks of `size` characters with `delayMs` between them. */
	async say(text: string, delayMs = 0, size = 0): Promise<void> {
		const chunks = size > 0 ? splitText(text, size) : [text];
		for (const chunk of chunks) {
			this.checkCancelled();
			await this.update({sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: chunk}});
			this.reply += chunk;
			this.session.used += Math.ceil(chunk.length / 4);
			await this.sleep(delayMs);
		}
	}

	async think(text: string, delayMs = 0, size = 0): Promise<void> {
		for (const chunk of size > 0 ? splitText(text, size) : [text]) {
			this.checkCancelled();
			await this.update({sessionUpdate: 'agent_thought_chunk', content: {type: 'text', text: chunk}});
			await this.sleep(delayMs);
		}
	}

	newToolCallId(): string {
		return `call_${randomUUID().slice(0, 8)}`;
	}

	/** Start a tool call: send `tool_call` and record it in the history (in creation order). */
	async startTool(item: Omit<ToolItem, 'role'>, announce = true): Promise<ToolItem> {
		this.flushReply();
		const record: ToolItem = {role: 'tool', ...item};
		this.session.stored.history.push(record);
		if (announce) {
			await this.update({
				sessionUpdate: 'tool_call',
				toolCallId: item.toolCallId,
				title: item.title,
				kind: item.kind,
				status: item.status,
				content: item.content,
				locations: item.locations,
			});
		}
		return record;
	}

	/** Change a tool call: send `tool_call_update` with the changed fields and keep the history in step. */
	async updateTool(record: ToolItem, change: Partial<Pick<ToolItem, 'status' | 'content' | 'title'>> & {rawOutput?: unknown}, send = true): Promise<void> {
		const {rawOutput, ...fields} = change;
		Object.assign(record as Mutable<ToolItem>, fields);
		if (!send) return;
		await this.update({sessionUpdate: 'tool_call_update', toolCallId: record.toolCallId, ...fields, ...(rawOutput === undefined ? {} : {rawOutput})});
	}

	/** Ask `session/request_permission`; a `cancelled` outcome (or a cancel while waiting) throws Cancelled. */
	async askPermission(toolCall: ToolCallUpdate): Promise<PermissionAnswer> {
		this.checkCancelled();
		const response = await this.orCancel(this.env.client.request(methods.client.session.requestPermission, {
			sessionId: this.sessionId,
			toolCall,
			options: permissionOptions,
		}));
		if (response.outcome.outcome !== 'selected') throw new Cancelled('permission cancelled');
		const {optionId} = response.outcome;
		const option = permissionOptions.find((candidate) => candidate.optionId === optionId);
		const kind = option?.kind ?? 'reject_once';
		if (kind === 'allow_always') this.session.allowAlways = true;
		return {allowed: kind.startsWith('allow'), kind, optionId};
	}

	/**
	Run `sh -c command` in a client terminal, embedded in an `execute` tool call (terminal/create →
	tool_call with the terminal → wait_for_exit → output → release). Returns the output and exit code.
	*/
	async runTerminal(command: string): Promise<{output: string; exitCode: number | null | undefined; truncated: boolean}> {
		const client = this.env.client;
		const {terminalId} = await this.orCancel(client.request(methods.client.terminal.create, {
			sessionId: this.sessionId,
			command: 'sh',
			args: ['-c', command],
			cwd: this.cwd,
			outputByteLimit: 64 * 1024,
		}));
		const record = await this.startTool({
			toolCallId: this.newToolCallId(),
			title: `Run \`${command}\``,
			kind: 'execute',
			status: 'in_progress',
			content: [{type: 'terminal', terminalId}],
			locations: [],
		});
		const sessionId = this.sessionId;
		try {
			const exit = await this.orCancel(client.request(methods.client.terminal.waitForExit, {sessionId, terminalId}));
			const result = await this.orCancel(client.request(methods.client.terminal.output, {sessionId, terminalId}));
			await client.request(methods.client.terminal.release, {sessionId, terminalId});
			const exitCode = result.exitStatus?.exitCode ?? exit.exitCode;
			const content: ToolCallContent[] = [{type: 'terminal', terminalId}];
			await this.updateTool(record, {status: exitCode === 0 ? 'completed' : 'failed', content, rawOutput: {exitCode, output: result.output}});
			// The terminal is released: the history keeps its output as text for a later replay.
			record.content.splice(0, record.content.length, {type: 'content', content: {type: 'text', text: result.output}});
			return {output: result.output, exitCode, truncated: result.truncated};
		} catch (error) {
			if (error instanceof Cancelled) {
				// Stop the command on cancel; the client may already be gone, so errors are ignored.
				void client.request(methods.client.terminal.kill, {sessionId, terminalId})
					.then(async () => client.request(methods.client.terminal.release, {sessionId, terminalId}))
					.catch(() => undefined);
				await this.updateTool(record, {status: 'failed'}).catch(() => undefined);
			}
			throw error;
		}
	}

	async usage(): Promise<void> {
		const used = this.session.used;
		await this.update({sessionUpdate: 'usage_update', used, size: 200_000, cost: {amount: Number((used * 0.000_003).toFixed(6)), currency: 'USD'}});
	}

	/** Put the agent text said since the last tool call into the history. */
	flushReply(): void {
		if (!this.reply) return;
		this.session.stored.history.push({role: 'agent', text: this.reply});
		this.reply = '';
	}
}

/** Split text into pieces of about `size` characters, never inside a surrogate pair. */
export function splitText(text: string, size: number): string[] {
	const characters = [...text];
	const pieces: string[] = [];
	for (let at = 0; at < characters.length; at += size) pieces.push(characters.slice(at, at + size).join(''));
	return pieces.length > 0 ? pieces : [''];
}
