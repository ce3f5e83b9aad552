/**
Host memory (DESIGN §10: host RSS with 20 sessions × 5,000 entries ≤ 100 MB): a real host daemon started from
the bundle with the demo agent, filled over the socket, measured from /proc.
*/
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {connectToHost} from '../source/ipc/host-client.js';
import {spawnHostDaemon} from '../source/ipc/spawn-host.js';
import type {HostClient} from '../source/model/types.js';
import {benchEnvironment, type BenchRow, projectRoot} from './bench-env.js';

function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return kb / 1024;
}

async function waitForIdle(client: HostClient, sessions: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let ended = 0;
	await new Promise<void>((resolve, reject) => {
		const timer = setInterval(() => {
			if (Date.now() > deadline) reject(new Error(`only ${ended}/${sessions} turns ended`));
		}, 200);
		client.subscribe(message => {
			if (message.type === 'event' && message.event.kind === 'transcript' && message.event.action.type === 'turn-end' && ++ended === sessions) {
				clearInterval(timer);
				resolve();
			}
		});
	});
}

export async function benchHost(options: {sessions?: number; entries?: number} = {}): Promise<BenchRow[]> {
	const sessions = options.sessions ?? 20;
	const entries = options.entries ?? 5000;
	const {env, cleanup} = benchEnvironment('host');
	try {
		const spawned = await spawnHostDaemon({entry: [join(projectRoot, 'dist', 'cli.js')], agentName: 'demo', cwd: projectRoot, hostArgs: ['--agent', 'demo'], env});
		const client = await connectToHost(spawned.socketPath, {kind: 'cli', name: 'bench'});
		const ids: string[] = [];
		for (let index = 0; index < sessions; index++) ids.push((await client.newSession({})).id);
		const idle = waitForIdle(client, sessions, 180_000);
		for (const id of ids) await client.prompt(id, `!entries:${entries - 3}`);
		await idle;
		const total = client.snapshot.sessions.length;
		const rss = rssMb(spawned.pid);
		await client.kill();
		return [
			{metric: `host RSS, ${total || sessions} sessions × ${entries} entries`, value: Math.round(rss), unit: 'MB', budget: '≤ 100 MB'},
		];
	} finally {
		cleanup();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.table(await benchHost());
}
