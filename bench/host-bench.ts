/**
Host memory (DESIGN §10: host RSS with 20 sessions × 5,000 entries ≤ 100 MB): a real host daemon started from
the bundle with the demo agent, filled over the socket, measured from /proc. The host keeps each session's recent
entries in memory and archives older ones (host/entry-archive.ts), so after measuring, the bench checks that every
session's oldest entries are still served (history paging) and that a client attaching now gets the same tail.
*/
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {connectToHost} from '../source/ipc/host-client.js';
import {spawnHostDaemon} from '../source/ipc/spawn-host.js';
import type {HostClient} from '../source/model/types.js';
import {benchEnvironment, type BenchRow, projectRoot} from './bench-env.js';

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return kb / 1024;
}

/** Every session holds all its entries: the oldest page and the newest tail, with the demo agent's texts. */
async function checkServed(client: HostClient, socketPath: string, ids: readonly string[], entries: number): Promise<void> {
	for (const id of ids) {
		const page = await client.history(id, 100, 100);
		const texts = page.filter(entry => entry.kind === 'agent-text').map(entry => (entry as {text: string}).text);
		if (page.length !== 100 || page[0]?.index !== 0 || page.at(-1)?.index !== 99 || !texts[0]?.startsWith('entry 1:')) {
			throw new Error(`session ${id}: history(100, 100) did not return entries 0–99 (${page.length} entries)`);
		}
	}

	const late = await connectToHost(socketPath, {kind: 'cli', name: 'bench-late', tail: 200});
	try {
		for (const session of late.snapshot.sessions) {
			const {entries: tail, nextIndex} = session.transcript;
			if (nextIndex !== entries || tail.length !== 200 || tail[0]?.index !== entries - 200) {
				throw new Error(`session ${session.info.id}: a late attach got ${tail.length} entries ending at ${nextIndex}`);
			}
		}
	} finally {
		late.close();
	}
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
		// The prompt and the turn end are entries too: 1 + (entries - 2) messages + 1 = entries.
		for (const id of ids) await client.prompt(id, `!entries:${entries - 2}`);
		await idle;
		const rss = statusMb(spawned.pid, 'VmRSS');
		const peak = statusMb(spawned.pid, 'VmHWM');
		await checkServed(client, spawned.socketPath, ids, entries);
		await client.kill();
		return [
			{metric: `host RSS, ${ids.length} sessions × ${entries} entries`, value: Math.round(rss), unit: 'MB', budget: '≤ 100 MB'},
			{metric: 'host peak RSS while filling them (VmHWM)', value: Math.round(peak), unit: 'MB', budget: '(info)'},
		];
	} finally {
		cleanup();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.table(await benchHost());
}
