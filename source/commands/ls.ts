/**
`agents ls [--json]`: every host with agent, phase, sessions and clients (DESIGN §8). Dead hosts (socket
refused and pid gone) are reported once and their run directories removed by `listHosts`; hung ones are
reported and left alone (host-architecture-notes §3.4).
*/
import {listHosts, type HostListing} from '../ipc/discovery.js';
import {writeOut, type CommandIo} from './io.js';

export type HostRow = {
	readonly hostId: string;
	readonly state: HostListing['state'];
	readonly agent?: string;
	readonly phase?: string;
	readonly sessions?: number;
	readonly clients?: number;
	readonly pid?: number;
	readonly agentPid?: number;
	readonly cwd?: string;
	readonly started?: string;
	readonly runDir: string;
};

export function hostRow(listing: HostListing): HostRow {
	const {info, status} = listing;
	return {
		hostId: listing.hostId,
		state: listing.state,
		agent: status?.agent.name ?? info?.agent,
		phase: listing.state === 'live' ? status?.phase : listing.state,
		sessions: listing.sessions,
		// The status comes from the probe's own hello, which counts the probe itself.
		clients: status ? Math.max(0, status.clients - 1) : undefined,
		pid: status?.pid ?? info?.pid,
		agentPid: status?.agent.pid,
		cwd: status?.cwd ?? info?.cwd,
		started: status?.started ?? info?.started,
		runDir: listing.runDir,
	};
}

function table(rows: ReadonlyArray<readonly string[]>): string {
	const widths = rows[0]?.map((_, column) => Math.max(...rows.map(row => (row[column] ?? '').length))) ?? [];
	return rows.map(row => row.map((cell, column) => column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n');
}

export async function lsCommand(options: {readonly json: boolean}, io: CommandIo): Promise<number> {
	const listings = await listHosts({env: io.env, cleanDead: true});
	const rows = listings.map(listing => hostRow(listing)).sort((a, b) => a.hostId.localeCompare(b.hostId));
	if (options.json) {
		await writeOut(io, `${JSON.stringify({hosts: rows}, undefined, 2)}\n`);
		return 0;
	}

	if (rows.length === 0) {
		await writeOut(io, 'no hosts\n');
		return 0;
	}

	const cells = rows.map(row => [
		row.hostId,
		row.agent ?? '?',
		row.state === 'dead' ? 'dead (cleaned up)' : row.phase ?? row.state,
		row.sessions === undefined ? '-' : String(row.sessions),
		row.clients === undefined ? '-' : String(row.clients),
		row.cwd ?? '',
	]);
	await writeOut(io, `${table([['HOST', 'AGENT', 'PHASE', 'SESSIONS', 'CLIENTS', 'CWD'], ...cells])}\n`);
	return 0;
}
