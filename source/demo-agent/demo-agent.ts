/**
The built-in demo agent: a real ACP v1 agent over stdio (NDJSON), built with the SDK's agent side. It works
offline, runs several sessions per process, persists each session in `<stateDir>/<sessionId>.json` so
`session/load` works in a new process, and doubles as the scriptable test agent.

A prompt without directives runs the default turn (about 1–2 s): thoughts, a plan updated as steps complete,
streamed text, a `read` tool call, an `edit` with a diff that asks permission (skipped in mode `yolo` or after
"Always allow"; no edit in mode `plan`), a terminal run through the client when it advertised `terminal`,
`usage_update`, and `end_turn`. The first turn of a session ends with a `session_info_update` title.
Slash commands: `/help` (lists directives), `/stream` (= `!stream:8`), `/plan` (switches to plan mode).

Directives, anywhere in the prompt text (`!name` or `!name:VALUE`; VALUE ends at whitespace except for
`!terminal:`, whose command runs to the end of the line). Content directives run in prompt order:
  !quick          reply exactly `ok: <prompt text>` in one chunk, no delays, no tools
  !echo           reply with the prompt text, one chunk
  !stream:N       N KB of text in 1 KB chunks (no delay unless !delay)
  !chunks:N       N small chunks `chunk 1 `, `chunk 2 `, …
  !entries:N      N agent messages with distinct message ids (N transcript entries)
  !delay:MS       per-chunk delay for the other directives (default turn: 25 ms)
  !stall          send one chunk, then never finish until cancelled
  !sleep:MS       wait MS, then reply and finish
  !crash          send one chunk, then exit(1) mid-turn
  !garbage        write non-JSON lines to stdout between messages, then continue (default turn if alone)
  !permission     an edit tool call that asks permission; the reply reports the outcome kind
  !permission-first  session/request_permission BEFORE any tool_call (like codex)
  !no-tool-call   permission, then only a final tool_call_update, none if rejected (like gemini)
  !dup-tool-call  tool_call twice for the same id (like claude-code-acp 0.16)
  !terminal:CMD   run `sh -c CMD` in a client terminal and report exit code and output
  !tool-output:N  a tool call whose content is N KB of text
  !unknown-update a session/update with sessionUpdate `demo_custom_update`
  !big:N          one agent_message_chunk of N KB
  !fs-read:PATH   fs/read_text_file on the client (even unadvertised); reply with the content or the error
  !fs-write:PATH  fs/write_text_file on the client; reply with the result or the error
  !error          fail the prompt with a JSON-RPC internal error (-32603) after the other steps
  !max-tokens     end with stopReason `max_tokens`
`!error` or `!max-tokens` alone reply one short chunk first. A cancelled turn (session/cancel, or a
permission answered `cancelled`) ends with `cancelled`.
*/
import {randomUUID} from 'node:crypto';
import {Readable, type Writable} from 'node:stream';
import {agent, methods, ndJsonStream, RequestError, type ClientCapabilities, type SessionConfigOption, type SessionModeState, type StopReason} from '../acp/agent-side.js';
import {parseDirectives, type Directives} from './directives.js';
import {replayHistory} from './replay.js';
import {runScript} from './scripts.js';
import {SessionStore, type StoredSession} from './store.js';
import {Cancelled, Turn, type LiveSession, type TurnEnvironment} from './turn.js';

export const demoAgentVersion = '0.1.0';

export type DemoAgentOptions = {
	readonly stateDir: string;
	readonly input?: Readable;
	readonly output?: Writable;
	/** How `!crash` ends the process (default `process.exit`). */
	readonly exit?: (code: number) => void;
};

const modes = [
	{id: 'default', name: 'Default', description: 'Ask before editing files'},
	{id: 'plan', name: 'Plan', description: 'Read and plan only, no edits'},
	{id: 'yolo', name: 'YOLO', description: 'Edit without asking'},
] as const;
const models = [
	{value: 'demo-fast', name: 'Demo fast', description: 'Quick scripted replies'},
	{value: 'demo-smart', name: 'Demo smart', description: 'The same replies, more slowly considered'},
] as const;

export const helpText = `Demo agent (offline). Prompt directives: !quick !echo !stream:N !chunks:N !delay:MS !stall !sleep:MS !crash !garbage !permission !permission-first !no-tool-call !dup-tool-call !terminal:CMD !tool-output:N !unknown-update !big:N !fs-read:PATH !fs-write:PATH !error !max-tokens. Modes: default, plan, yolo.`;

function modeState(session: StoredSession): SessionModeState {
	return {currentModeId: session.modeId, availableModes: modes.map((mode) => ({...mode}))};
}

function configOptions(session: StoredSession): SessionConfigOption[] {
	return [{id: 'model', name: 'Model', category: 'model', type: 'select', currentValue: session.model, options: models.map((model) => ({...model}))}];
}

/** Serve ACP on `input`/`output` (default stdin/stdout) until the input closes. */
export async function runDemoAgent(options: DemoAgentOptions): Promise<void> {
	const input = options.input ?? process.stdin;
	const output = options.output ?? process.stdout;
	const exit = options.exit ?? ((code: number) => process.exit(code));
	// stdout carries the protocol: anything printed by mistake (console.log) must go to stderr instead.
	if (output === process.stdout) console.log = console.error;
	const store = new SessionStore(options.stateDir);
	const live = new Map<string, LiveSession>();
	let capabilities: ClientCapabilities = {};

	// Writes wait for the stream's callback so that a `!garbage` line lands between whole messages and
	// `!crash` exits only after its chunk left the process.
	const write = async (data: Uint8Array | string) =>
		new Promise<void>((resolve, reject) => {
			output.write(data, (error) => (error ? reject(error) : resolve()));
		});
	const sink = new WritableStream<Uint8Array>({write: async (chunk) => write(chunk)});
	const source = Readable.toWeb(input) as ReadableStream<Uint8Array>;

	const liveSession = (sessionId: string): LiveSession => {
		const session = live.get(sessionId);
		if (!session) throw RequestError.sessionNotFound(sessionId);
		return session;
	};
	const restore = (sessionId: string): LiveSession => {
		const existing = live.get(sessionId);
		if (existing) return existing;
		const stored = store.read(sessionId);
		if (!stored) throw RequestError.sessionNotFound(sessionId);
		const session: LiveSession = {stored, allowAlways: false, used: 0};
		live.set(sessionId, session);
		return session;
	};

	const app = agent({name: 'agents-demo'})
		.onRequest(methods.agent.initialize, ({params}) => {
			capabilities = params.clientCapabilities ?? {};
			return {
				protocolVersion: 1,
				agentCapabilities: {loadSession: true, sessionCapabilities: {close: {}, resume: {}, list: {}}, promptCapabilities: {}},
				agentInfo: {name: 'agents-demo', title: 'Demo agent (offline)', version: demoAgentVersion},
				authMethods: [],
			};
		})
		.onRequest(methods.agent.session.new, ({params, client}) => {
			const now = new Date().toISOString();
			const stored: StoredSession = {version: 1, sessionId: randomUUID(), cwd: params.cwd, createdAt: now, updatedAt: now, modeId: 'default', model: 'demo-fast', history: []};
			store.save(stored);
			live.set(stored.sessionId, {stored, allowAlways: false, used: 0});
			// Real agents announce their commands right after session/new (docs/agent-quirks.md §1.8);
			// sent after this response is written, on the next turn of the event loop.
			setImmediate(() => {
				void client.notify(methods.client.session.update, {
					sessionId: stored.sessionId,
					update: {
						sessionUpdate: 'available_commands_update',
						availableCommands: [
							{name: 'help', description: 'List the demo agent directives'},
							{name: 'stream', description: 'Stream 8 KB of text'},
							{name: 'plan', description: 'Switch to plan mode'},
						],
					},
				}).catch(() => undefined);
			});
			return {sessionId: stored.sessionId, modes: modeState(stored), configOptions: configOptions(stored)};
		})
		.onRequest(methods.agent.session.load, async ({params, client}) => {
			const session = restore(params.sessionId);
			// The spec wants the whole history replayed before the response (acp-client-reference §6).
			await replayHistory(client, session.stored);
			return {modes: modeState(session.stored), configOptions: configOptions(session.stored)};
		})
		.onRequest(methods.agent.session.resume, ({params}) => {
			const session = restore(params.sessionId);
			return {modes: modeState(session.stored), configOptions: configOptions(session.stored)};
		})
		.onRequest(methods.agent.session.close, ({params}) => {
			const session = live.get(params.sessionId);
			session?.turn?.abort();
			live.delete(params.sessionId);
			return {};
		})
		.onRequest(methods.agent.session.list, ({params}) => {
			const sessions = store.list().filter((session) => !params.cwd || session.cwd === params.cwd);
			return {sessions: sessions.map((session) => ({sessionId: session.sessionId, cwd: session.cwd, title: session.title ?? null, updatedAt: session.updatedAt}))};
		})
		.onRequest(methods.agent.session.setMode, async ({params, client}) => {
			const session = liveSession(params.sessionId);
			if (!modes.some((mode) => mode.id === params.modeId)) throw RequestError.invalidParams({modeId: params.modeId}, `unknown mode "${params.modeId}"`);
			session.stored.modeId = params.modeId;
			store.save(session.stored);
			await client.notify(methods.client.session.update, {sessionId: params.sessionId, update: {sessionUpdate: 'current_mode_update', currentModeId: params.modeId}});
			return {};
		})
		.onRequest(methods.agent.session.setConfigOption, async ({params, client}) => {
			const session = liveSession(params.sessionId);
			if (params.configId !== 'model') throw RequestError.invalidParams({configId: params.configId}, `unknown config option "${params.configId}"`);
			const value = params.value;
			if (typeof value !== 'string' || !models.some((model) => model.value === value)) throw RequestError.invalidParams({value}, `unknown model "${String(value)}"`);
			session.stored.model = value;
			store.save(session.stored);
			const options = configOptions(session.stored);
			await client.notify(methods.client.session.update, {sessionId: params.sessionId, update: {sessionUpdate: 'config_option_update', configOptions: options}});
			return {configOptions: options};
		})
		.onNotification(methods.agent.session.cancel, ({params}) => {
			live.get(params.sessionId)?.turn?.abort();
		})
		.onRequest(methods.agent.session.prompt, async ({params, client}) => {
			const session = liveSession(params.sessionId);
			if (session.turn) throw RequestError.invalidRequest({sessionId: params.sessionId}, 'a turn is already running in this session');
			const text = params.prompt.map((block) => (block.type === 'text' ? block.text : block.type === 'resource_link' ? block.uri : '')).join('\n');
			const controller = new AbortController();
			session.turn = controller;
			session.stored.history.push({role: 'user', text});
			store.save(session.stored);
			const env: TurnEnvironment = {client, capabilities, rawWrite: write, exit};
			const turn = new Turn(env, session, controller.signal, text);
			const firstTurn = session.stored.title === undefined;
			try {
				const directives = parseDirectives(text);
				const stopReason = await runCommandOrScript(turn, directives);
				if (controller.signal.aborted) return {stopReason: 'cancelled'};
				if (firstTurn) {
					session.stored.title = text.split('\n')[0]?.trim().slice(0, 60) || 'Untitled';
					await turn.update({sessionUpdate: 'session_info_update', title: session.stored.title, updatedAt: new Date().toISOString()});
				}
				if (directives.error) throw RequestError.internalError({details: 'the !error directive'}, 'demo agent: failing as asked by !error');
				return {stopReason};
			} catch (error) {
				if (error instanceof Cancelled) return {stopReason: 'cancelled'};
				throw error;
			} finally {
				session.turn = undefined;
				turn.flushReply();
				// The session may have been closed meanwhile; its file is still the place to keep the turn.
				store.save(session.stored);
			}
		});

	const connection = app.connect(ndJsonStream(sink, source));
	await connection.closed;
	for (const session of live.values()) session.turn?.abort();
}

/** Slash commands (announced in available_commands_update), else the prompt's directives. */
async function runCommandOrScript(turn: Turn, directives: Directives): Promise<StopReason> {
	const command = /^\/(\w+)/.exec(turn.text.trim())?.[1];
	if (command === 'help') {
		await turn.say(helpText);
		return 'end_turn';
	}
	if (command === 'stream') return runScript(turn, parseDirectives('!stream:8 !delay:20'));
	if (command === 'plan') {
		turn.session.stored.modeId = 'plan';
		await turn.update({sessionUpdate: 'current_mode_update', currentModeId: 'plan'});
		await turn.say('Switched to plan mode: I will read and plan, not edit.');
		return 'end_turn';
	}
	return runScript(turn, directives);
}
