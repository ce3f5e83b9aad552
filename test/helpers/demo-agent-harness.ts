/**
Test harness for the demo agent: spawn it as a subprocess (`node --import tsx source/demo-agent/bin.ts`) and drive it
with the SDK's client side (tests may import the SDK directly). Collects updates per session, answers permissions by
a per-session policy, serves terminals with child_process and fs requests from disk.
*/
import {spawn, execFile, type ChildProcess} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {Readable, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import * as acp from '@agentclientprotocol/sdk';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type PermissionPolicy = 'allow-once' | 'allow-always' | 'reject-once' | 'cancel' | 'hold';
export type HeldPermission = {readonly params: acp.RequestPermissionRequest; readonly resolve: (response: acp.RequestPermissionResponse) => void};

export type DemoAgentHarness = {
	readonly child: ChildProcess;
	readonly agent: acp.ClientContext;
	readonly connection: acp.ClientConnection;
	/** Every session/update, in arrival order. */
	readonly updates: acp.SessionNotification[];
	/** Every message the client read (after parsing), in order, with the client's method calls. */
	readonly calls: string[];
	readonly held: HeldPermission[];
	readonly exited: Promise<number | null>;
	stderr(): string;
	setPolicy(sessionId: string, policy: PermissionPolicy): void;
	updatesOf(sessionId: string, kind?: string): acp.SessionUpdate[];
	textOf(sessionId: string, kind?: 'agent_message_chunk' | 'user_message_chunk' | 'agent_thought_chunk'): string;
	initialize(terminal?: boolean): Promise<acp.InitializeResponse>;
	newSession(cwd: string): Promise<acp.NewSessionResponse>;
	prompt(sessionId: string, text: string): Promise<acp.PromptResponse>;
	close(): Promise<void>;
};

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export function startDemoAgent(stateDir: string): DemoAgentHarness {
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'source', 'demo-agent', 'bin.ts'), '--state-dir', stateDir], {
		cwd: root,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const updates: acp.SessionNotification[] = [];
	const calls: string[] = [];
	const held: HeldPermission[] = [];
	const policies = new Map<string, PermissionPolicy>();
	const terminals = new Map<string, {output: string; exit: Promise<number | null>}>();
	let terminalCount = 0;

	const app = acp.client({name: 'demo-agent-test'})
		.onNotification(acp.methods.client.session.update, ({params}) => {
			updates.push(params);
		})
		.onRequest(acp.methods.client.session.requestPermission, async ({params}) => {
			calls.push(`session/request_permission ${params.toolCall.toolCallId}`);
			const policy = policies.get(params.sessionId) ?? 'allow-once';
			if (policy === 'cancel') return {outcome: {outcome: 'cancelled'}};
			if (policy === 'hold') return new Promise<acp.RequestPermissionResponse>((resolve) => held.push({params, resolve}));
			return {outcome: {outcome: 'selected', optionId: policy}};
		})
		.onRequest(acp.methods.client.fs.readTextFile, ({params}) => {
			calls.push(`fs/read_text_file ${params.path}`);
			try {
				return {content: readFileSync(params.path, 'utf8')};
			} catch {
				throw acp.RequestError.resourceNotFound(params.path);
			}
		})
		.onRequest(acp.methods.client.fs.writeTextFile, ({params}) => {
			calls.push(`fs/write_text_file ${params.path}`);
			writeFileSync(params.path, params.content);
			return {};
		})
		.onRequest(acp.methods.client.terminal.create, ({params}) => {
			calls.push(`terminal/create ${params.command} ${(params.args ?? []).join(' ')}`);
			const terminalId = `term-${++terminalCount}`;
			const record = {output: '', exit: Promise.resolve<number | null>(null)};
			record.exit = new Promise((resolve) => {
				execFile(params.command, params.args ?? [], {cwd: params.cwd ?? undefined}, (error, stdout) => {
					record.output = stdout;
					resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0);
				});
			});
			terminals.set(terminalId, record);
			return {terminalId};
		})
		.onRequest(acp.methods.client.terminal.waitForExit, async ({params}) => {
			calls.push('terminal/wait_for_exit');
			return {exitCode: await terminals.get(params.terminalId)?.exit};
		})
		.onRequest(acp.methods.client.terminal.output, async ({params}) => {
			calls.push('terminal/output');
			const record = terminals.get(params.terminalId);
			const exitCode = await record?.exit;
			return {output: record?.output ?? '', truncated: false, exitStatus: {exitCode}};
		})
		.onRequest(acp.methods.client.terminal.release, ({params}) => {
			calls.push('terminal/release');
			terminals.delete(params.terminalId);
			return {};
		});
	const stream = acp.ndJsonStream(Writable.toWeb(child.stdin!), Readable.toWeb(child.stdout!) as ReadableStream<Uint8Array>);
	const connection = app.connect(stream);
	const agent = connection.agent;

	const updatesOf = (sessionId: string, kind?: string) =>
		updates.filter((notification) => notification.sessionId === sessionId && (!kind || notification.update.sessionUpdate === kind)).map((notification) => notification.update);

	return {
		child,
		agent,
		connection,
		updates,
		calls,
		held,
		exited,
		stderr: () => stderr,
		setPolicy: (sessionId, policy) => policies.set(sessionId, policy),
		updatesOf,
		textOf(sessionId, kind = 'agent_message_chunk') {
			return updatesOf(sessionId, kind)
				.map((update) => {
					const content = 'content' in update ? update.content : undefined;
					return content && !Array.isArray(content) && content.type === 'text' ? content.text : '';
				})
				.join('');
		},
		async initialize(terminal = true) {
			return agent.request(acp.methods.agent.initialize, {
				protocolVersion: acp.PROTOCOL_VERSION,
				clientCapabilities: {fs: {readTextFile: true, writeTextFile: true}, terminal},
				clientInfo: {name: 'demo-agent-test', version: '0.0.0'},
			});
		},
		async newSession(cwd) {
			return agent.request(acp.methods.agent.session.new, {cwd, mcpServers: []});
		},
		async prompt(sessionId, text) {
			return agent.request(acp.methods.agent.session.prompt, {sessionId, prompt: [{type: 'text', text}]});
		},
		async close() {
			child.stdin?.end();
			const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
			await exited;
			clearTimeout(timer);
			connection.close();
		},
	};
}
