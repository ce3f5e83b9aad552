/**
Finding session logs under `$STATE/sessions/<host-id>/` and summarizing them for `agents logs` (issue 5.1)
and resolving an id (session id, unique prefix, host id, unique host prefix or dot part; DESIGN §8).
*/
import {readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {sessionLogsRoot} from '../config/paths.js';
import type {LogRecord} from '../model/log-record.js';
import {readLogRecords, type ReadStats} from './session-log-reader.js';

export type LogFile = {
	readonly path: string;
	readonly hostId: string;
	/** Session id from the file name (sanitized); the records carry the exact one. */
	readonly sessionId: string;
	/** ISO time from the file name's compact timestamp. */
	readonly created: string;
	readonly size: number;
	readonly mtimeMs: number;
};

export type LogSummary = LogFile & {
	readonly agent?: string;
	readonly cwd?: string;
	readonly title?: string;
	readonly firstPrompt?: string;
	readonly turns: number;
	/** `session-end` reason, `interrupted` (a turn never ended), or `open` (no end record yet). */
	readonly ended: string;
	readonly stats: ReadStats;
};

const fileName = /^(.*)-(\d{8}T\d{6}Z)\.jsonl$/;

function isoFromCompact(compact: string): string {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(compact);
	return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}.000Z` : compact;
}

async function entries(directory: string): Promise<string[]> {
	try {
		return await readdir(directory);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

/** Every session log, newest first; `host` limits the search to one host directory. */
export async function listLogFiles(options: {env?: NodeJS.ProcessEnv; host?: string} = {}): Promise<LogFile[]> {
	const root = sessionLogsRoot(options.env);
	const hosts = options.host === undefined ? await entries(root) : [options.host];
	const files: LogFile[] = [];
	for (const hostId of hosts) {
		for (const name of await entries(join(root, hostId))) {
			const match = fileName.exec(name);
			if (!match) continue;
			const path = join(root, hostId, name);
			try {
				const info = await stat(path);
				if (!info.isFile()) continue;
				files.push({path, hostId, sessionId: match[1]!, created: isoFromCompact(match[2]!), size: info.size, mtimeMs: info.mtimeMs});
			} catch {}
		}
	}

	return files.sort((a, b) => b.created.localeCompare(a.created) || b.mtimeMs - a.mtimeMs);
}

/** Read a whole log once (side files unresolved) for the listing's title, turns and end. */
export async function summarizeLog(file: LogFile): Promise<LogSummary> {
	let agent: string | undefined;
	let cwd: string | undefined;
	let title: string | undefined;
	let firstPrompt: string | undefined;
	let turns = 0;
	let turnOpen = false;
	let ended: string | undefined;
	const iterator = readLogRecords(file.path, {resolveSideFiles: false});
	for (;;) {
		const next = await iterator.next();
		if (next.done) {
			return {...file, agent, cwd, title, firstPrompt, turns, ended: ended ?? (turnOpen ? 'open (turn in flight)' : 'open'), stats: next.value};
		}

		const record: LogRecord = next.value;
		switch (record.type) {
			case 'session-start':
				agent ??= record.agent;
				cwd ??= record.cwd;
				break;
			case 'prompt':
				turns++;
				turnOpen = true;
				if (firstPrompt === undefined && typeof record.text === 'string') firstPrompt = record.text;
				break;
			case 'turn-end':
				turnOpen = false;
				break;
			case 'update': {
				const update = record.update as {sessionUpdate?: unknown; title?: unknown} | undefined;
				if (update?.sessionUpdate === 'session_info_update' && typeof update.title === 'string' && update.title) title = update.title;
				break;
			}

			case 'session-end':
				ended = turnOpen && record.reason !== 'agent-exited' ? `${record.reason} (turn interrupted)` : record.reason;
				turnOpen = false;
				break;
			default:
				break;
		}
	}
}

export type Resolution =
	| {readonly kind: 'found'; readonly files: readonly LogFile[]; readonly scope: 'session' | 'host'}
	| {readonly kind: 'ambiguous' | 'unknown'; readonly candidates: readonly string[]};

/**
Resolve `id` against the logs: an exact session id, an exact host id, then a unique session-id prefix,
then a unique host-id prefix or dot-separated part (DESIGN §8). Ambiguity lists the candidates.
*/
export function resolveLogId(id: string, files: readonly LogFile[]): Resolution {
	const sessions = (match: (file: LogFile) => boolean) => files.filter(match);
	const hostIds = [...new Set(files.map(file => file.hostId))];
	const hostFiles = (hostId: string) => files.filter(file => file.hostId === hostId);
	const exactSession = sessions(file => file.sessionId === id);
	if (exactSession.length > 0) return {kind: 'found', files: exactSession, scope: 'session'};
	if (hostIds.includes(id)) return {kind: 'found', files: hostFiles(id), scope: 'host'};
	const sessionPrefix = sessions(file => file.sessionId.startsWith(id));
	const hostMatches = hostIds.filter(hostId => hostId.startsWith(id) || hostId.split('.').includes(id));
	const sessionIds = [...new Set(sessionPrefix.map(file => file.sessionId))];
	if (sessionIds.length === 1 && hostMatches.length === 0) return {kind: 'found', files: sessionPrefix, scope: 'session'};
	if (sessionIds.length === 0 && hostMatches.length === 1) return {kind: 'found', files: hostFiles(hostMatches[0]!), scope: 'host'};
	const candidates = [...hostMatches.map(hostId => `host ${hostId}`), ...sessionPrefix.map(file => `session ${file.sessionId} (host ${file.hostId})`)];
	return candidates.length === 0 ? {kind: 'unknown', candidates: files.slice(0, 20).map(file => `session ${file.sessionId} (host ${file.hostId})`)} : {kind: 'ambiguous', candidates};
}
