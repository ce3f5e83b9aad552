/**
Starts a real host (real agent subprocess, real log files under a temp state dir) and records its events,
with `waitFor` helpers that poll the recorded events instead of sleeping.
*/
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {PassThrough} from 'node:stream';
import {createHost, type Host} from '../../source/host/host.js';
import type {HostEvent, HostPhase, TranscriptEntry} from '../../source/model/types.js';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const exampleAgent = {name: 'example', command: process.execPath, args: [join(projectRoot, 'node_modules/acp-example-agent/dist/examples/agent.js')]};

export function demoAgent(stateDir: string) {
	return {name: 'demo', command: process.execPath, args: ['--import', import.meta.resolve('tsx'), join(projectRoot, 'source/demo-agent/bin.ts'), '--state-dir', stateDir]};
}

export type HostHarness = {
	readonly host: Host;
	readonly events: HostEvent[];
	readonly logLines: string[];
	readonly stateDir: string;
	readonly cwd: string;
	waitFor(predicate: (event: HostEvent) => boolean, timeoutMs?: number): Promise<HostEvent>;
	phases(): HostPhase[];
	turnEnd(sessionId: string, after?: number): Promise<string>;
	dispose(): Promise<void>;
};

export async function startHost(agent: {name: string; command: string; args: readonly string[]}, options: {demo?: boolean} = {}): Promise<HostHarness> {
	const root = mkdtempSync(join(tmpdir(), 'agents-host-'));
	const stateDir = join(root, 'state');
	const env = {...process.env, AGENTS_STATE_DIR: stateDir};
	const events: HostEvent[] = [];
	const logLines: string[] = [];
	const spec = options.demo ? demoAgent(join(stateDir, 'demo-agent')) : agent;
	const host = createHost({hostId: `test.proj.${spec.name}.${Date.now()}`, cwd: root, agent: spec, env, log: line => logLines.push(line)});
	host.subscribe(event => events.push(event));
	await host.start();

	const waitFor = async (predicate: (event: HostEvent) => boolean, timeoutMs = 20_000): Promise<HostEvent> => {
		const deadline = Date.now() + timeoutMs;
		let seen = 0;
		for (;;) {
			for (; seen < events.length; seen++) if (predicate(events[seen]!)) return events[seen]!;
			if (Date.now() > deadline) throw new Error(`timed out waiting for an event; last: ${JSON.stringify(events.slice(-3)).slice(0, 800)}`);
			await new Promise(r => setTimeout(r, 10));
		}
	};
	return {
		host,
		events,
		logLines,
		stateDir,
		cwd: root,
		waitFor,
		phases() {
			const list: HostPhase[] = [];
			for (const event of events) if (event.kind === 'host' && list.at(-1) !== event.host.phase) list.push(event.host.phase);
			return list;
		},
		async turnEnd(sessionId, after = 0) {
			const event = await waitFor(e => e.seq > after && e.kind === 'transcript' && e.sessionId === sessionId && e.action.type === 'turn-end');
			return (event as Extract<HostEvent, {kind: 'transcript'}>).action.type === 'turn-end' ? ((event as {action: {stopReason: string}}).action.stopReason) : '';
		},
		async dispose() {
			await host.shutdown('test done');
			rmSync(root, {recursive: true, force: true});
		},
	};
}

export function permissionRequests(events: readonly HostEvent[], sessionId: string): string[] {
	const ids: string[] = [];
	for (const event of events) {
		if (event.kind === 'transcript' && event.sessionId === sessionId && event.action.type === 'permission-request') ids.push(event.action.requestId);
	}
	return ids;
}

export function agentText(host: Host, sessionId: string): string {
	const session = host.snapshot({tail: 10_000}).sessions.find(s => s.info.id === sessionId);
	return (session?.transcript.entries ?? []).filter(e => e.kind === 'agent-text').map(e => (e as {text: string}).text).join('');
}

export type ToolCallEntry = Extract<TranscriptEntry, {kind: 'tool-call'}>;

/** A session's whole transcript as the host holds it (recent window and archive). */
export function transcriptEntries(harness: HostHarness, sessionId: string): readonly TranscriptEntry[] {
	return harness.host.snapshot({tail: 10_000}).sessions.find(s => s.info.id === sessionId)?.transcript.entries ?? [];
}

/** A session's tool-call entries, all or those of one id. */
export function toolCallEntries(harness: HostHarness, sessionId: string, toolCallId?: string): ToolCallEntry[] {
	return transcriptEntries(harness, sessionId).filter((e): e is ToolCallEntry => e.kind === 'tool-call' && (toolCallId === undefined || e.toolCallId === toolCallId));
}

/** Whether an event is an ACP update of this kind for the session, after event seq `after`. */
export function isSessionUpdate(event: HostEvent, sessionId: string, kind: string, after: number): boolean {
	return event.seq > after && event.kind === 'transcript' && event.sessionId === sessionId && event.action.type === 'update'
		&& (event.action.update as {sessionUpdate: string}).sessionUpdate === kind;
}

/** The ACP updates of one kind the session got after event seq `after`. */
export function sessionUpdates(harness: HostHarness, sessionId: string, kind: string, after: number): Array<Record<string, unknown>> {
	return harness.events.filter(e => isSessionUpdate(e, sessionId, kind, after)).map(e => (e as {action: {update: Record<string, unknown>}}).action.update);
}

/** `agents logs SESSION` against the harness's state dir, uncoloured: what the pager would show. */
export async function renderedLogs(harness: HostHarness, sessionId: string): Promise<{readonly code: number; readonly out: string; readonly err: string}> {
	const {logsCommand} = await import('../../source/commands/logs.js');
	let out = '';
	let err = '';
	const stdout = new PassThrough();
	stdout.on('data', chunk => {
		out += String(chunk);
	});
	const stderr = new PassThrough();
	stderr.on('data', chunk => {
		err += String(chunk);
	});
	const code = await logsCommand([sessionId], {}, {stdout, stderr, env: {...process.env, AGENTS_STATE_DIR: harness.stateDir, NO_COLOR: '1'}});
	return {code, out, err};
}
