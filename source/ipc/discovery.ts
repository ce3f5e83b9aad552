/**
Finding hosts (DESIGN §4.1, §8): every run directory under the runtime root is probed. A socket that answers
`hello` is live; a timeout is hung and never unlinked; a refused or missing socket is dead only when the pid
in host.json is dead too (ECONNREFUSED alone can mean a full backlog — notes §3.4). Dead runs are removed.
*/
import {lstatSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {basename, join} from 'node:path';
import {runtimeRoot} from '../config/paths.js';
import type {HostClient, HostStatus} from '../model/types.js';
import {ConnectError, connectToHost, type ConnectOptions} from './host-client.js';
import {readHostJson, type HostJson} from './host-json.js';

export type HostListing = {
	hostId: string;
	runDir: string;
	socketPath: string;
	state: 'live' | 'hung' | 'dead';
	info?: HostJson;
	status?: HostStatus;
	sessions?: number;
};

/** A run dir without host.json is a host still starting, unless it is older than this. */
const startingGraceMs = 60_000;

/** Alive = signal 0 succeeds and it is not a zombie (a SIGKILLed host waits for its reaper, e.g. in containers). */
export function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		// EPERM: it exists but belongs to someone else — alive.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}

	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Field 3, after the parenthesised command name (which may contain spaces).
		const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		return state !== 'Z' && state !== 'X';
	} catch {
		return true;
	}
}

export async function probeHost(runDir: string, timeoutMs = 1500): Promise<HostListing> {
	const hostId = basename(runDir);
	const socketPath = join(runDir, 'sock');
	const info = readHostJson(runDir);
	const base: HostListing = {hostId, runDir, socketPath, state: 'hung', ...(info ? {info} : {})};
	try {
		const client = await connectToHost(socketPath, {kind: 'cli', readOnly: true, name: 'probe', timeoutMs, tail: 0});
		const listing: HostListing = {...base, state: 'live', status: client.snapshot.host, sessions: client.snapshot.sessions.length};
		client.close();
		return listing;
	} catch (error) {
		const reason = error instanceof ConnectError ? error.reason : 'error';
		// It answered, just not in our protocol: alive.
		if (reason === 'protocol' || reason === 'rejected') return {...base, state: 'live'};
		if (reason !== 'refused' && reason !== 'missing') return base;
		if (info) return {...base, state: pidAlive(info.pid) ? 'hung' : 'dead'};
		return {...base, state: ageMs(runDir) > startingGraceMs ? 'dead' : 'hung'};
	}
}

function ageMs(path: string): number {
	try {
		return Date.now() - statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

export async function listHosts(options: {env?: NodeJS.ProcessEnv; cleanDead?: boolean; timeoutMs?: number} = {}): Promise<HostListing[]> {
	const root = runtimeRoot(options.env);
	let names: string[];
	try {
		names = readdirSync(root);
	} catch {
		return [];
	}

	const runDirs = names.map(name => join(root, name)).filter(path => {
		try {
			return lstatSync(path).isDirectory();
		} catch {
			return false;
		}
	});
	const listings = await Promise.all(runDirs.map(async runDir => probeHost(runDir, options.timeoutMs)));
	if (options.cleanDead ?? true) {
		for (const listing of listings) {
			if (listing.state === 'dead') rmSync(listing.runDir, {recursive: true, force: true});
		}
	}

	return listings.sort((a, b) => a.hostId.localeCompare(b.hostId));
}

export class ResolveError extends Error {
	readonly candidates: readonly string[];

	constructor(message: string, candidates: readonly string[]) {
		super(message);
		this.name = 'ResolveError';
		this.candidates = candidates;
	}
}

/** Pure matching: exact id, then unique prefix, then unique dot-separated part. */
export function matchHostId(query: string, ids: readonly string[]): string {
	if (ids.includes(query)) return query;
	const prefixed = ids.filter(id => id.startsWith(query));
	if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
	const byPart = ids.filter(id => id.split('.').includes(query));
	if (byPart.length === 1 && byPart[0] && prefixed.length === 0) return byPart[0];
	const candidates = [...new Set([...prefixed, ...byPart])].sort();
	if (candidates.length > 0) {
		throw new ResolveError(`host id "${query}" is ambiguous; candidates: ${candidates.join(', ')}`, candidates);
	}

	const known = [...ids].sort();
	throw new ResolveError(`no host matches "${query}"; hosts: ${known.length > 0 ? known.join(', ') : 'none running'}`, known);
}

export async function resolveHost(query: string, options: {env?: NodeJS.ProcessEnv} = {}): Promise<HostListing> {
	const hosts = (await listHosts({env: options.env})).filter(host => host.state !== 'dead');
	const id = matchHostId(query, hosts.map(host => host.hostId));
	const found = hosts.find(host => host.hostId === id);
	if (!found) throw new ResolveError(`no host matches "${query}"`, []);
	return found;
}

/** What `connectNamedHost` found: a connection, or a verdict on the one host the query names. */
export type NamedConnection =
	| {readonly listing: HostListing; readonly client: HostClient}
	| {readonly listing: HostListing; readonly error: ConnectError};

/**
The fast path of `attach`, `send` and the other one-shots (DESIGN §10 attach budget): when `query` matches exactly one
run directory name (the matching rules of `matchHostId`, applied to every name, dead ones included), connect to it at
once with the caller's options instead of probing every host first and connecting a second time. When that connection
works, `resolveHost` would have picked the same host (a live host is never filtered out). A timeout means hung, a
protocol mismatch or refused hello is that host's answer; anything else (refused, missing: maybe dead) returns
undefined so the caller falls back to `resolveHost`, which tells dead from hung and cleans up.
*/
export async function connectNamedHost(query: string, options: ConnectOptions, env?: NodeJS.ProcessEnv): Promise<NamedConnection | undefined> {
	const root = runtimeRoot(env);
	let hostId: string;
	try {
		hostId = matchHostId(query, readdirSync(root));
	} catch {
		return undefined;
	}

	const runDir = join(root, hostId);
	const socketPath = join(runDir, 'sock');
	try {
		if (!lstatSync(runDir).isDirectory()) return undefined;
	} catch {
		return undefined;
	}

	try {
		const client = await connectToHost(socketPath, options);
		const info = readHostJson(runDir);
		const listing: HostListing = {hostId, runDir, socketPath, state: 'live', status: client.snapshot.host, sessions: client.snapshot.sessions.length, ...(info ? {info} : {})};
		return {listing, client};
	} catch (error) {
		if (!(error instanceof ConnectError)) return undefined;
		const info = readHostJson(runDir);
		const base = {hostId, runDir, socketPath, ...(info ? {info} : {})};
		if (error.reason === 'timeout') return {listing: {...base, state: 'hung'}, error};
		if (error.reason === 'protocol' || error.reason === 'rejected') return {listing: {...base, state: 'live'}, error};
		return undefined;
	}
}
