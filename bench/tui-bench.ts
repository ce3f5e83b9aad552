/**
The TUI budget (DESIGN §10, issue 4): the real client (`node dist/cli.js --attach ID`, the shipped bundle) in a
PTY at 160×48 against a real host with the demo agent. Measures terminal bytes per byte of agent text with one
full-width pane and with four panes in a 2×2 layout, the client's CPU share while four panes stream ~2,000
tokens/s, keypress-to-frame latency while streaming, and attach-to-first-frame with 20 sessions × 2,000 entries.
Agent text is counted from the host's events (agent_message_chunk text, UTF-8 bytes); terminal bytes are
everything the client wrote to the PTY after its first full frame. Run alone: `node --import=tsx bench/tui-bench.ts`.
*/
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {connectToHost} from '../source/ipc/host-client.js';
import {spawnHostDaemon} from '../source/ipc/spawn-host.js';
import type {HostClient} from '../source/model/types.js';
import {bundleIsStale} from '../scripts/bundle-stale.mjs';
import {benchEnvironment, projectRoot, type BenchRow} from './bench-env.js';
import {cpuSeconds, startPtyClient, type PtyClient} from './tui-pty.js';

const rows = 48;
const cols = 160;
const prefix = '\u0002';

/** The bench measures the shipped bundle: rebuild it when it is missing or older than the sources. */
function ensureBundle(): void {
	if (!bundleIsStale(projectRoot)) return;
	execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs')], {cwd: projectRoot, stdio: 'inherit'});
}

type Host = {readonly hostId: string; readonly client: HostClient; readonly sessions: string[]; agentBytes(): number; turnEnd(sessionId: string): Promise<void>};

async function startHost(env: NodeJS.ProcessEnv, sessions: number): Promise<Host> {
	const spawned = await spawnHostDaemon({entry: [join(projectRoot, 'dist', 'cli.js')], agentName: 'demo', cwd: projectRoot, hostArgs: ['--agent', 'demo'], env});
	const client = await connectToHost(spawned.socketPath, {kind: 'cli', name: 'bench'});
	let agentBytes = 0;
	const ends = new Map<string, Array<() => void>>();
	client.subscribe(message => {
		if (message.type !== 'event' || message.event.kind !== 'transcript') return;
		const {action, sessionId} = message.event;
		if (action.type === 'update' && action.update.sessionUpdate === 'agent_message_chunk') {
			const content = action.update.content as {readonly type?: string; readonly text?: string};
			if (content.type === 'text' && content.text !== undefined) agentBytes += Buffer.byteLength(content.text);
		}
		if (action.type === 'turn-end') {
			for (const resolve of ends.get(sessionId) ?? []) resolve();
			ends.delete(sessionId);
		}
	});
	const ids: string[] = [];
	for (let index = 0; index < sessions; index++) ids.push((await client.newSession({})).id);
	return {
		hostId: spawned.hostId,
		client,
		sessions: ids,
		agentBytes: () => agentBytes,
		turnEnd: async sessionId => new Promise(resolve => {
			ends.set(sessionId, [...ends.get(sessionId) ?? [], resolve]);
		}),
	};
}

/** Prompt every session and wait for all turns to end. */
async function runTurns(host: Host, sessionIds: readonly string[], text: string): Promise<void> {
	const ends = sessionIds.map(async id => host.turnEnd(id));
	for (const id of sessionIds) await host.client.prompt(id, text);
	await Promise.all(ends);
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Terminal bytes per agent byte while `text` streams in `sessionIds` (from the prompts until the output settles). */
async function bytesPerAgentByte(pty: PtyClient, host: Host, sessionIds: readonly string[], text: string): Promise<number> {
	await pty.waitQuiet(300);
	const terminal = pty.bytes();
	const agent = host.agentBytes();
	await runTurns(host, sessionIds, text);
	await pty.waitQuiet(300);
	return (pty.bytes() - terminal) / (host.agentBytes() - agent);
}

async function splitTwoByTwo(pty: PtyClient): Promise<void> {
	// % splits right (the new pane shows session 1), " splits it down (session 2), then the left pane (session 3).
	for (const keys of [`${prefix}%`, `${prefix}"`, `${prefix}\u001B[D`, `${prefix}"`]) {
		pty.write(keys);
		await pty.waitQuiet(150);
	}
}

type Load = {readonly cpu: number; readonly tokensPerSecond: number; readonly framesPerSecond: number};

/** Client CPU share, agent tokens/s (bytes / 4) and frames/s (Ink wraps each frame in DEC 2026 BSU) over `seconds`. */
async function streamingWindow(pty: PtyClient, host: Host, seconds: number): Promise<Load> {
	const pid = pty.clientPid();
	if (pid === undefined) throw new Error('no client process under script');
	const cpu = cpuSeconds(pid);
	const agent = host.agentBytes();
	const from = pty.mark();
	const start = performance.now();
	await new Promise(resolve => setTimeout(resolve, seconds * 1000));
	const elapsed = (performance.now() - start) / 1000;
	const frames = pty.text().slice(from).split('\u001B[?2026h').length - 1;
	return {cpu: (cpuSeconds(pid) - cpu) / elapsed, tokensPerSecond: (host.agentBytes() - agent) / 4 / elapsed, framesPerSecond: frames / elapsed};
}

/** Type a printable key into the focused pane and time until its echo arrives; erase it again. */
async function keyLatencies(pty: PtyClient, samples: number): Promise<number[]> {
	// Letters the streamed text (`chunk N `), titles and status line never contain.
	const letters = 'QZXJVWK';
	const times: number[] = [];
	for (let index = 0; index < samples; index++) {
		const letter = letters[index % letters.length]!;
		const from = pty.mark();
		const start = performance.now();
		pty.write(letter);
		await pty.waitFor(letter, 5000, from);
		times.push(performance.now() - start);
		pty.write('\u007F');
		await new Promise(resolve => setTimeout(resolve, 40 + Math.random() * 40));
	}
	return times;
}

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] ?? Number.NaN;
}

async function streamingBench(env: NodeJS.ProcessEnv): Promise<BenchRow[]> {
	const host = await startHost(env, 4);
	const pty = startPtyClient(host.hostId, {env, rows, cols});
	try {
		// Full panes first, so every new line scrolls (the steady state of a long answer).
		await runTurns(host, host.sessions, '!stream:12');
		await pty.waitFor(`[${host.hostId}]`, 10_000, 0);
		const one = await bytesPerAgentByte(pty, host, [host.sessions[0]!], '!delay:20 !chunks:300');
		await splitTwoByTwo(pty);
		const four = await bytesPerAgentByte(pty, host, host.sessions, '!delay:20 !chunks:300');
		// ~2,000 tokens/s in total: four sessions, one `chunk N ` (~10 bytes ≈ 2.5 tokens) every ~5 ms each.
		const ends = host.sessions.map(async id => host.turnEnd(id));
		for (const id of host.sessions) await host.client.prompt(id, '!delay:4 !chunks:100000');
		await new Promise(resolve => setTimeout(resolve, 1000));
		const load = await streamingWindow(pty, host, 5);
		const latencies = await keyLatencies(pty, 50);
		for (const id of host.sessions) await host.client.cancel(id);
		await Promise.all(ends);
		return [
			{metric: 'TUI bytes per agent byte, 1 full-width pane, 160×48', value: round(one), unit: '×', budget: '≤ 3'},
			{metric: 'TUI bytes per agent byte, 4 panes 2×2, 160×48', value: round(four), unit: '×', budget: '≤ 12'},
			{metric: `TUI client CPU, 4 panes at ${Math.round(load.tokensPerSecond)} tokens/s`, value: round(load.cpu * 100), unit: '%', budget: '≤ 20 %'},
			{metric: '  (diagnostic) frames/s in that window', value: round(load.framesPerSecond), unit: '/s', budget: ''},
			{metric: '  (diagnostic) client CPU per frame', value: round(load.cpu * 1000 / load.framesPerSecond), unit: 'ms', budget: ''},
			{metric: 'TUI keypress → frame p99 while streaming (50 keys)', value: round(percentile(latencies, 99)), unit: 'ms', budget: '≤ 50 ms'},
			{metric: '  (diagnostic) keypress → frame median', value: round(percentile(latencies, 50)), unit: 'ms', budget: ''},
		];
	} finally {
		await pty.close();
		await host.client.kill().catch(() => undefined);
	}
}

type AttachTimes = {readonly frame: number; readonly live: number};

/**
Median ms from spawning the client (script + node) to its status line (the first full frame, drawn before Ink
loads: source/ui/boot-frame.ts), and to keys being live (Ink's input handling on: it turns on bracketed paste), over
five attaches.
*/
async function attachTimes(host: Host, env: NodeJS.ProcessEnv): Promise<AttachTimes> {
	const frames: number[] = [];
	const live: number[] = [];
	for (let run = 0; run < 5; run++) {
		const start = performance.now();
		const pty = startPtyClient(host.hostId, {env, rows, cols});
		try {
			await pty.waitFor(`[${host.hostId}]`, 10_000, 0);
			frames.push(performance.now() - start);
			await pty.waitFor('\u001B[?2004h', 10_000, 0);
			live.push(performance.now() - start);
		} finally {
			await pty.close();
		}
	}
	return {frame: percentile(frames, 50), live: percentile(live, 50)};
}

async function attachBench(env: NodeJS.ProcessEnv): Promise<BenchRow[]> {
	const host = await startHost(env, 20);
	try {
		// The same client against a host with one empty session: what startup costs without a big snapshot.
		const empty = await startHost(env, 1);
		const baseline = await attachTimes(empty, env).finally(async () => empty.client.kill().catch(() => undefined));
		// The prompt, the entries and the turn's own entries: 2,000 per session (as bench/host-bench.ts counts them).
		await runTurns(host, host.sessions, '!entries:1997');
		const full = await attachTimes(host, env);
		return [
			{metric: 'TUI attach → first full frame, 20 sessions × 2,000 entries (median of 5)', value: round(full.frame, 0), unit: 'ms', budget: '≤ 200 ms'},
			{metric: '  (diagnostic) the same against a host with 1 empty session', value: round(baseline.frame, 0), unit: 'ms', budget: ''},
			{metric: '  (diagnostic) attach → keys live (Ink started), 20 × 2,000', value: round(full.live, 0), unit: 'ms', budget: ''},
		];
	} finally {
		await host.client.kill().catch(() => undefined);
	}
}

export async function benchTui(): Promise<BenchRow[]> {
	ensureBundle();
	const {env, cleanup} = benchEnvironment('tui');
	try {
		return [...await streamingBench(env), ...await attachBench(env)];
	} finally {
		cleanup();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.table(await benchTui());
}
