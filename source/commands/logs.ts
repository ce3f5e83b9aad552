/**
`agents logs [ID] [--json] [--follow] [--grep RE] [--host ID] [--full] [--prune --older-than D [--dry-run]]`
(DESIGN §8, issue 5). Thin: checks flags, resolves the id, hands the work to `source/log/`.
Exit codes: 0 ok, 1 failure (one clear line on stderr), 2 usage.
*/
import {sessionLogsRoot} from '../config/paths.js';
import {followLog} from '../log/log-follow.js';
import {grepLog, type GrepHit} from '../log/log-grep.js';
import {listLogFiles, resolveLogId, summarizeLog, type LogFile} from '../log/log-index.js';
import {parseDuration, pruneLogs} from '../log/log-prune.js';
import {formatBytes, formatDateTime, wantsColor} from '../log/log-style.js';
import {createLineHandler, formatLogTable, skippedNote, summaryJson, writeLogs} from '../log/log-view.js';
import {choosePager, pagerSink, searchArguments, streamSink, type OutputSink, type OutputStream} from '../log/pager.js';

export type LogsFlags = {
	json?: boolean;
	follow?: boolean;
	grep?: string;
	host?: string;
	full?: boolean;
	prune?: boolean;
	olderThan?: string;
	dryRun?: boolean;
};

export type LogsIo = {stdout?: NodeJS.WritableStream & {isTTY?: boolean}; stderr?: NodeJS.WritableStream; env?: NodeJS.ProcessEnv};

class Exit extends Error {
	readonly code: number;
	constructor(code: number, message: string) {
		super(message);
		this.code = code;
	}
}

function compile(pattern: string): RegExp {
	try {
		return new RegExp(pattern);
	} catch (error) {
		throw new Exit(2, `invalid --grep pattern: ${(error as Error).message}`);
	}
}

/** `--host ID`: an exact host id, a unique prefix, or a unique dot-separated part (DESIGN §8). */
function filterHost(files: readonly LogFile[], host: string): LogFile[] {
	const hostIds = [...new Set(files.map(file => file.hostId))];
	const matches = hostIds.includes(host) ? [host] : hostIds.filter(id => id.startsWith(host) || id.split('.').includes(host));
	if (matches.length === 1) return files.filter(file => file.hostId === matches[0]);
	const listed = (matches.length > 0 ? matches : hostIds).join(', ');
	throw new Exit(1, `${matches.length > 0 ? 'ambiguous' : 'no logs for'} host "${host}"${listed ? `; candidates: ${listed}` : ''}`);
}

function hitLine(hit: GrepHit): string {
	return `${hit.hostId}  ${hit.sessionId}  turn ${hit.turn || '-'}: ${hit.line}\n`;
}

export async function logsCommand(input: readonly string[], flags: LogsFlags, io: LogsIo = {}): Promise<number> {
	const stdout = (io.stdout ?? process.stdout) as OutputStream;
	const stderr = io.stderr ?? process.stderr;
	const env = io.env ?? process.env;
	const notes: string[] = [];
	try {
		if (input.length > 1) throw new Exit(2, 'usage: agents logs [ID] [--json] [--follow] [--grep RE] [--host ID] [--full]');
		const id = input[0];
		if (flags.prune) {
			if (id !== undefined || flags.follow || flags.grep !== undefined) throw new Exit(2, 'usage: agents logs --prune --older-than DURATION [--host ID] [--dry-run]');
			return await prune(flags, stdout, env);
		}

		if (flags.olderThan !== undefined || flags.dryRun) throw new Exit(2, '--older-than and --dry-run go with --prune');
		if (flags.follow && id === undefined) throw new Exit(2, '--follow needs a session id');
		if (flags.follow && flags.grep !== undefined) throw new Exit(2, '--follow and --grep do not go together');
		const pattern = flags.grep === undefined ? undefined : compile(flags.grep);
		let files = await listLogFiles({env});
		if (flags.host !== undefined) files = filterHost(files, flags.host);
		if (id === undefined) {
			if (pattern) return await grep(files, pattern, flags, stdout);
			return await list(files, flags, stdout, stderr, env);
		}

		const resolution = resolveLogId(id, files);
		if (resolution.kind !== 'found') {
			// One stderr line, like the other commands (DESIGN §8).
			const listed = resolution.candidates.join(', ');
			throw new Exit(1, `${resolution.kind} id "${id}"${listed ? `; candidates: ${listed}` : ''}`);
		}

		// Conversation order: a host's sessions oldest first.
		const selected = [...resolution.files].reverse();
		const color = wantsColor(stdout, env);
		if (flags.follow) {
			if (selected.length !== 1) throw new Exit(1, `--follow needs one session; "${id}" has ${selected.length}: ${selected.map(file => file.sessionId).join(', ')}`);
			return await follow(selected[0]!.path, flags, stdout, color, notes);
		}

		if (pattern && stdout.isTTY !== true) return await grep(selected, pattern, flags, stdout);
		let sink: OutputSink = streamSink(stdout);
		if (stdout.isTTY === true && !flags.json) {
			const choice = choosePager(env);
			if (choice.kind === 'pager') sink = pagerSink(choice.command, searchArguments(choice.command, flags.grep), {env, stdout, stderr});
			else if (choice.note) notes.push(`agents logs: ${choice.note}`);
		}

		await writeLogs(selected.map(file => file.path), sink, {json: flags.json, full: flags.full, color}, (path, stats) => {
			const note = skippedNote(path, stats);
			if (note) notes.push(note);
		});
		return await sink.finish();
	} catch (error) {
		const code = error instanceof Exit ? error.code : 1;
		stderr.write(`agents logs: ${(error as Error).message}\n`);
		return code;
	} finally {
		for (const note of notes) stderr.write(note + '\n');
	}
}

async function list(files: readonly LogFile[], flags: LogsFlags, stdout: OutputStream, stderr: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Promise<number> {
	const summaries = [];
	for (const file of files) summaries.push(await summarizeLog(file));
	if (flags.json) {
		stdout.write(JSON.stringify(summaries.map(summary => summaryJson(summary)), undefined, 2) + '\n');
		return 0;
	}

	if (summaries.length === 0) {
		stderr.write(`agents logs: no session logs in ${sessionLogsRoot(env)}\n`);
		return 0;
	}

	stdout.write(formatLogTable(summaries));
	return 0;
}

async function grep(files: readonly LogFile[], pattern: RegExp, flags: LogsFlags, stdout: OutputStream): Promise<number> {
	const sink = streamSink(stdout);
	const hits: GrepHit[] = [];
	let open = true;
	for (const file of files) {
		await grepLog(file, pattern, async hit => {
			hits.push(hit);
			if (!flags.json) open = await sink.write(hitLine(hit));
			return open;
		});
		if (!open) break;
	}

	if (flags.json) await sink.write(JSON.stringify(hits.map(({path: _path, ...hit}) => hit), undefined, 2) + '\n');
	await sink.finish();
	if (hits.length === 0) throw new Exit(1, `no match for ${pattern.source}`);
	return 0;
}

async function follow(path: string, flags: LogsFlags, stdout: OutputStream, color: boolean, notes: string[]): Promise<number> {
	const sink = streamSink(stdout);
	const handler = createLineHandler(path, sink, {json: flags.json, full: flags.full, color});
	const result = await followLog(path, {onLine: line => handler.line(line), onBatch: () => sink.flush()});
	if (result.reason === 'session-end') await handler.end();
	const note = skippedNote(path, handler.stats());
	if (note) notes.push(note);
	return sink.finish();
}

async function prune(flags: LogsFlags, stdout: OutputStream, env: NodeJS.ProcessEnv): Promise<number> {
	if (flags.olderThan === undefined) throw new Exit(2, '--prune needs --older-than DURATION (e.g. 30d, 12h)');
	const olderThanMs = parseDuration(flags.olderThan);
	if (olderThanMs === undefined) throw new Exit(2, `--older-than: not a duration: "${flags.olderThan}" (use e.g. 90m, 12h, 30d, 2w)`);
	let host = flags.host;
	if (host !== undefined) host = filterHost(await listLogFiles({env}), host)[0]?.hostId;
	const pruned = await pruneLogs({olderThanMs, dryRun: flags.dryRun, host, env});
	const verb = flags.dryRun ? 'would remove' : 'removed';
	let total = 0;
	for (const log of pruned) {
		total += log.bytes;
		stdout.write(`${verb} ${log.path} (${formatBytes(log.bytes)}, last written ${formatDateTime(new Date(log.mtimeMs).toISOString())})\n`);
	}

	stdout.write(`${verb} ${pruned.length} log${pruned.length === 1 ? '' : 's'}, ${formatBytes(total)}\n`);
	return 0;
}
