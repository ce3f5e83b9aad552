// Shared bits for the socket tests: a raw NDJSON peer (no client library), polling without sleeps, and fake host
// daemons (test/helpers/fake-host-main.ts) in a private runtime root that are killed after the file.
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after} from 'node:test';
import {fileURLToPath} from 'node:url';
import {spawnHostDaemon} from '../../source/ipc/spawn-host.js';

export type FakeHostKit = {
	readonly base: string;
	readonly env: NodeJS.ProcessEnv & {readonly AGENTS_TMPDIR: string; readonly AGENTS_STATE_DIR: string};
	readonly project: string;
	spawnFake(agentName: string, hostArgs?: string[]): ReturnType<typeof spawnHostDaemon>;
};

/** A temp runtime root and project dir; every fake host spawned through the kit is killed (even stopped ones) after the file. */
export function fakeHostKit(prefix: string, projectName: string): FakeHostKit {
	const base = mkdtempSync(join(tmpdir(), prefix));
	const env = {...process.env, AGENTS_TMPDIR: join(base, 'run'), AGENTS_STATE_DIR: join(base, 'state')};
	const entry = ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('fake-host-main.ts', import.meta.url))];
	const project = join(base, projectName);
	mkdirSync(project);
	const started: number[] = [];
	after(() => {
		for (const pid of started) {
			try {
				process.kill(pid, 'SIGCONT');
				process.kill(-pid, 'SIGKILL');
			} catch {}
		}

		rmSync(base, {recursive: true, force: true});
	});
	return {
		base,
		env,
		project,
		async spawnFake(agentName, hostArgs = []) {
			const host = await spawnHostDaemon({entry, agentName, cwd: project, hostArgs, env, timeoutMs: 15_000});
			started.push(host.pid);
			return host;
		},
	};
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

export type RawPeer = {
	readonly socket: net.Socket;
	readonly messages: Array<Record<string, any>>;
	closed: boolean;
	send(value: unknown): void;
	sendLine(line: string): void;
	/** Waits for a message matching `match` and returns it. */
	next(match: (message: Record<string, any>) => boolean, what: string): Promise<Record<string, any>>;
	request(method: string, params?: unknown): Promise<Record<string, any>>;
};

export async function rawPeer(socketPath: string): Promise<RawPeer> {
	const socket = net.connect(socketPath);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('error', reject);
	});
	let buffer = '';
	let nextId = 1000;
	const peer: RawPeer = {
		socket,
		messages: [],
		closed: false,
		send(value) {
			socket.write(`${JSON.stringify(value)}\n`);
		},
		sendLine(line) {
			socket.write(`${line}\n`);
		},
		async next(match, what) {
			let found: Record<string, any> | undefined;
			await waitFor(() => {
				found = peer.messages.find(match);
				return found !== undefined;
			}, what);
			return found!;
		},
		async request(method, params) {
			const id = ++nextId;
			peer.send({jsonrpc: '2.0', id, method, params});
			return peer.next(message => message['id'] === id, `reply to ${method}`);
		},
	};
	socket.on('error', () => undefined);
	socket.on('close', () => {
		peer.closed = true;
	});
	socket.on('data', chunk => {
		buffer += chunk.toString('utf8');
		let newline = buffer.indexOf('\n');
		while (newline !== -1) {
			peer.messages.push(JSON.parse(buffer.slice(0, newline)) as Record<string, any>);
			buffer = buffer.slice(newline + 1);
			newline = buffer.indexOf('\n');
		}
	});
	return peer;
}
