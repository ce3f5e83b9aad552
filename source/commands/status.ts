/**
`agents status [ID] [--format FMT] [--json]`: one line for shell prompts and tmux's `status-right` (DESIGN §8).
With ID: that host; without: an aggregate over every live host (`agents: 2 running · 1 waiting`).
*/
import {connectToHost} from '../ipc/host-client.js';
import {listHosts} from '../ipc/discovery.js';
import {findHost} from './connect.js';
import {writeOut, type CommandIo} from './io.js';
import {aggregateValues, defaultAggregateFormat, defaultHostFormat, formatStatus, hostValues, type StatusValues} from './status-format.js';

async function valuesOf(socketPath: string): Promise<StatusValues> {
	const client = await connectToHost(socketPath, {kind: 'cli', readOnly: true, name: 'status', timeoutMs: 2000, tail: 0});
	try {
		return hostValues(client.snapshot);
	} finally {
		client.close();
	}
}

export async function statusCommand(query: string | undefined, options: {readonly format?: string; readonly json: boolean}, io: CommandIo): Promise<number> {
	let values: StatusValues;
	if (query) {
		const listing = await findHost(query, io);
		values = await valuesOf(listing.socketPath);
	} else {
		const live = (await listHosts({env: io.env, cleanDead: false, timeoutMs: 1000})).filter(listing => listing.state === 'live');
		const each = await Promise.allSettled(live.map(async listing => valuesOf(listing.socketPath)));
		values = aggregateValues(each.flatMap(result => result.status === 'fulfilled' ? [result.value] : []));
	}

	if (options.json) {
		await writeOut(io, `${JSON.stringify(values)}\n`);
		return 0;
	}

	await writeOut(io, `${formatStatus(options.format ?? (query ? defaultHostFormat : defaultAggregateFormat), values)}\n`);
	return 0;
}
