/**
`agents kill ID… | --all`: ask each host to shut down (it stops its agent: stdin close, SIGTERM to the group,
SIGKILL after 2 s, DESIGN §4.2), then wait until the host and agent pids are gone. A host that does not answer
gets SIGTERM, then SIGKILL; its run directory is removed if it could not do so itself.
*/
import {rmSync} from 'node:fs';
import {connectToHost} from '../ipc/host-client.js';
import {listHosts, resolveHost, type HostListing} from '../ipc/discovery.js';
import {CliError, errorMessage, type CommandIo} from './io.js';
import {signal, waitForExit} from './pids.js';

async function killOne(listing: HostListing, io: CommandIo): Promise<void> {
	const hostPid = listing.status?.pid ?? listing.info?.pid;
	const pids = [hostPid, listing.status?.agent.pid].filter((pid): pid is number => typeof pid === 'number' && pid > 0);
	if (listing.state === 'live') {
		try {
			const client = await connectToHost(listing.socketPath, {kind: 'cli', name: 'kill', timeoutMs: 3000});
			try {
				await client.kill();
			} finally {
				client.close();
			}
		} catch (error) {
			// The host may close the socket before or right after answering; the pids below are the proof.
			io.stderr.write(`agents: ${listing.hostId}: ${errorMessage(error)} (waiting for it to exit)\n`);
		}
	} else if (hostPid) {
		signal(hostPid, 'SIGTERM');
	}

	let alive = await waitForExit(pids, 8000);
	if (alive.length > 0) {
		for (const pid of alive) signal(pid, 'SIGKILL');
		alive = await waitForExit(alive, 3000);
	}

	rmSync(listing.runDir, {recursive: true, force: true});
	if (alive.length > 0) throw new CliError(`${listing.hostId}: process ${alive.join(', ')} is still running after SIGKILL`);
}

export async function killCommand(options: {readonly ids: readonly string[]; readonly all: boolean}, io: CommandIo): Promise<number> {
	const targets = options.all
		? (await listHosts({env: io.env, cleanDead: true})).filter(listing => listing.state !== 'dead')
		: await Promise.all(options.ids.map(async id => resolveHost(id, {env: io.env})));
	const results = await Promise.allSettled(targets.map(async listing => killOne(listing, io)));
	const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failed.length > 0) throw failed[0]?.reason instanceof Error ? failed[0].reason : new CliError(String(failed[0]?.reason));
	return 0;
}
