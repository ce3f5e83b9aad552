/**
Finding a host and a session for the one-shot commands (DESIGN §8): ID is a host id, a unique prefix or a
unique dot-separated part (resolved by ipc/); `-s` takes a session id or a unique prefix of one.
Ambiguous or unknown ids fail with the candidates listed.
*/
import {connectToHost} from '../ipc/host-client.js';
import {connectNamedHost, resolveHost, type HostListing} from '../ipc/discovery.js';
import type {HostClient, SessionInfo, Snapshot} from '../model/types.js';
import {CliError, type CommandIo} from './io.js';

export async function findHost(query: string, io: CommandIo): Promise<HostListing> {
	return usable(await resolveHost(query, {env: io.env}));
}

function usable(listing: HostListing): HostListing {
	if (listing.state === 'dead') throw new CliError(`host ${listing.hostId} is gone (its process died); its run directory was removed`);
	if (listing.state === 'hung') throw new CliError(`host ${listing.hostId} does not answer (hung or stopped); its socket is ${listing.socketPath}`);
	return listing;
}

function connectFailure(listing: HostListing, error: unknown): CliError {
	return new CliError(`cannot connect to host ${listing.hostId}: ${error instanceof Error ? error.message : String(error)}`);
}

export async function openHost(query: string, io: CommandIo, options: {readonly readOnly?: boolean; readonly name: string; readonly kind?: 'cli' | 'tui'; readonly tail?: number}): Promise<{listing: HostListing; client: HostClient}> {
	const connectOptions = {kind: options.kind ?? 'cli', readOnly: options.readOnly ?? false, name: options.name, timeoutMs: 5000, ...(options.tail === undefined ? {} : {tail: options.tail})} as const;
	// One connection when the id names one run directory; probing every host first cost a round trip per host.
	const named = await connectNamedHost(query, connectOptions, io.env);
	if (named) {
		if ('client' in named) return named;
		throw connectFailure(usable(named.listing), named.error);
	}

	const listing = await findHost(query, io);
	try {
		const client = await connectToHost(listing.socketPath, connectOptions);
		return {listing, client};
	} catch (error) {
		throw connectFailure(listing, error);
	}
}

/** Run `body` with a connection, closing it afterwards whatever happens. */
export async function withHost<T>(query: string, io: CommandIo, name: string, body: (client: HostClient, listing: HostListing) => Promise<T>): Promise<T> {
	const {client, listing} = await openHost(query, io, {name});
	try {
		return await body(client, listing);
	} finally {
		client.close();
	}
}

export function liveSessions(snapshot: Snapshot): SessionInfo[] {
	return snapshot.sessions.map(session => session.info).filter(info => info.state !== 'ended');
}

/** A session by exact id or unique prefix; ambiguous or unknown → the candidates, exit 1. */
export function resolveSession(snapshot: Snapshot, query: string): SessionInfo {
	const sessions = snapshot.sessions.map(session => session.info);
	const exact = sessions.find(info => info.id === query);
	if (exact) return exact;
	const matches = sessions.filter(info => info.id.startsWith(query));
	const [only] = matches;
	if (matches.length === 1 && only) return only;
	const candidates = (matches.length > 1 ? matches : sessions).map(info => info.id);
	const list = candidates.length > 0 ? candidates.join(', ') : 'none';
	throw new CliError(matches.length > 1
		? `session id "${query}" is ambiguous on ${snapshot.host.hostId}; candidates: ${list}`
		: `no session "${query}" on ${snapshot.host.hostId}; sessions: ${list}`);
}
