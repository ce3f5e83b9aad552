/**
The JSONL session log writer (DESIGN §7, §11; host-architecture-notes §4). The host is the only writer of
a file. Every record is one Buffer written to an O_APPEND fd by one writeSync loop; a kill -9 can still tear
the last line (measured: 30/30 at 1 MiB lines), so opening repairs a torn tail, and a write error truncates
back to the last good size and degrades the log instead of throwing into the session.
*/
import {createHash} from 'node:crypto';
import {
	appendFileSync,
	closeSync,
	constants,
	fstatSync,
	fsyncSync,
	ftruncateSync,
	mkdirSync,
	openSync,
	readSync,
} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {compactTimestamp, sanitizePart, sessionLogDir} from '../config/paths.js';
import type {LogRecordBody, SideFileRef} from '../model/log-record.js';
import {fsyncDirectory, writeAll, writeFileAtomic} from './atomic-write.js';

export type SessionLogWriter = {
	readonly path: string;
	/** True after a write error (disk full…): the session keeps working, further records are dropped. */
	readonly degraded: boolean;
	/** Synchronous; adds v, seq, ts, host, session; one write(2) loop per line. Never throws. */
	append(body: LogRecordBody): void;
	/** fsync now (the host calls it at turn end). */
	flush(): void;
	/** Writes nothing by itself; closes the fd after a final fsync. */
	close(reason?: string): void;
};

export type OpenSessionLogOptions = {
	readonly hostId: string;
	readonly sessionId: string;
	readonly created: Date;
	readonly env?: NodeJS.ProcessEnv;
	readonly onDegraded?: (error: Error) => void;
	/** Lines above this many bytes move their payload to a side file (DESIGN §7: 1 MiB). Tests lower or raise it. */
	readonly maxLineBytes?: number;
	/** Group-commit interval for fsync (notes §4: at most once a second). */
	readonly fsyncIntervalMs?: number;
};

export const maxLogLineBytes = 1024 * 1024;
const payloadFields = ['update', 'text', 'toolCall', 'detail'] as const;
const newline = 0x0a;

/** Host ids keep their dots (`velox.proj.claude.1763762400`); anything else is reduced to `[A-Za-z0-9_-]`. */
export function sanitizeHostId(hostId: string): string {
	return /^[\w-][\w.-]*$/.test(hostId) && !hostId.includes('..') ? hostId : sanitizePart(hostId);
}

/** `$STATE/sessions/<host-id>/<session-id>-<created>.jsonl` (DESIGN §7). */
export function sessionLogPath(hostId: string, sessionId: string, created: Date, env: NodeJS.ProcessEnv = process.env): string {
	return join(sessionLogDir(sanitizeHostId(hostId), env), `${sanitizePart(sessionId)}-${compactTimestamp(created)}.jsonl`);
}

/** The side-file directory of a log: `<file-stem>.side/`. */
export function sideDirectory(logPath: string): string {
	return logPath.replace(/\.jsonl$/, '') + '.side';
}

export function openSessionLog(options: OpenSessionLogOptions): SessionLogWriter {
	const path = sessionLogPath(options.hostId, options.sessionId, options.created, options.env);
	const maxLineBytes = options.maxLineBytes ?? maxLogLineBytes;
	const fsyncIntervalMs = options.fsyncIntervalMs ?? 1000;
	let degraded = false;
	let closed = false;
	let dirty = false;
	let timer: NodeJS.Timeout | undefined;
	let fd = -1;
	let size = 0;
	let seq = 0;

	const degrade = (error: unknown): void => {
		if (degraded) return;
		degraded = true;
		try {
			options.onDegraded?.(error instanceof Error ? error : new Error(String(error)));
		} catch {}
	};

	try {
		mkdirSync(dirname(path), {recursive: true, mode: 0o700});
		fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, 0o600);
		size = fstatSync(fd).size;
		if (size === 0) {
			fsyncDirectory(dirname(path));
		} else {
			size = repairTornTail(fd, path, size);
			seq = lastSeq(fd, size);
		}
	} catch (error) {
		degrade(error);
	}

	const sync = (): void => {
		if (timer) {
			clearTimeout(timer);
			timer = undefined;
		}

		if (!dirty || fd < 0 || degraded) return;
		dirty = false;
		try {
			fsyncSync(fd);
		} catch (error) {
			// A failed fsync means the data may be lost: do not assume success (notes §4.5).
			degrade(error);
		}
	};

	const writeLine = (buffer: Buffer): void => {
		try {
			writeAll(fd, buffer);
			size += buffer.length;
		} catch (error) {
			// Cut the half-written line so nothing torn stays behind (DESIGN §11), then stop logging.
			try {
				ftruncateSync(fd, size);
			} catch {}

			degrade(error);
		}
	};

	return {
		path,
		get degraded() {
			return degraded;
		},
		append(body) {
			if (degraded || closed || fd < 0) return;
			const head = {v: 1, seq: seq + 1, ts: new Date().toISOString(), host: options.hostId, session: options.sessionId};
			let line: string;
			try {
				line = JSON.stringify({...head, ...body}) + '\n';
			} catch (error) {
				// A cyclic or BigInt payload must not throw into the session: log that it happened instead.
				line = JSON.stringify({...head, type: 'error', message: `unserializable ${body.type} record: ${String((error as Error).message)}`}) + '\n';
			}

			if (Buffer.byteLength(line) > maxLineBytes) {
				try {
					line = JSON.stringify({...head, ...spillPayload(path, head.seq, body)}) + '\n';
				} catch (error) {
					degrade(error);
					return;
				}
			}

			writeLine(Buffer.from(line));
			if (degraded) return;
			seq++;
			dirty = true;
			if (!timer) {
				timer = setTimeout(sync, fsyncIntervalMs);
				timer.unref();
			}
		},
		flush: sync,
		close() {
			if (closed) return;
			sync();
			closed = true;
			if (fd >= 0) {
				try {
					closeSync(fd);
				} catch {}
			}
		},
	};
}

/** Move the payload field of an oversized body to `<stem>.side/<seq>-<sha>.json`, written before the line. */
function spillPayload(path: string, seq: number, body: LogRecordBody): Record<string, unknown> {
	const copy: Record<string, unknown> = {...body};
	const field = payloadFields.find(name => copy[name] !== undefined);
	if (!field) return copy;
	const data = Buffer.from(JSON.stringify(copy[field]));
	const sha256 = createHash('sha256').update(data).digest('hex');
	const directory = sideDirectory(path);
	mkdirSync(directory, {recursive: true, mode: 0o700});
	const name = `${seq}-${sha256.slice(0, 16)}.json`;
	writeFileAtomic(join(directory, name), data, 0o600);
	const reference: SideFileRef = {$side: `${basename(directory)}/${name}`, bytes: data.length, sha256};
	copy[field] = reference;
	return copy;
}

/**
If the file does not end with a newline, append the fragment after the last newline to `<file>.torn`,
truncate to the last full line and fsync (notes §4.4). Returns the new size.
*/
function repairTornTail(fd: number, path: string, size: number): number {
	const last = Buffer.alloc(1);
	readSync(fd, last, 0, 1, size - 1);
	if (last[0] === newline) return size;
	const cut = lastNewlineBefore(fd, size) + 1;
	const fragment = readRange(fd, cut, size);
	appendFileSync(`${path}.torn`, fragment, {mode: 0o600, flush: true});
	ftruncateSync(fd, cut);
	fsyncSync(fd);
	return cut;
}

/** Offset of the last `\n` before `end`, or -1. Scans backwards in 64 KiB chunks. */
function lastNewlineBefore(fd: number, end: number): number {
	const chunk = Buffer.alloc(64 * 1024);
	let position = end;
	while (position > 0) {
		const start = Math.max(0, position - chunk.length);
		const length = position - start;
		readSync(fd, chunk, 0, length, start);
		const index = chunk.subarray(0, length).lastIndexOf(newline);
		if (index >= 0) return start + index;
		position = start;
	}

	return -1;
}

function readRange(fd: number, start: number, end: number): Buffer {
	const buffer = Buffer.alloc(end - start);
	let offset = 0;
	while (offset < buffer.length) {
		const read = readSync(fd, buffer, offset, buffer.length - offset, start + offset);
		if (read === 0) break;
		offset += read;
	}

	return buffer.subarray(0, offset);
}

/** The seq of the last parsable full line, so numbering continues after a reopen (0 if none). */
function lastSeq(fd: number, size: number): number {
	let end = size - 1; // Position of the final newline.
	while (end > 0) {
		const start = lastNewlineBefore(fd, end) + 1;
		try {
			const record = JSON.parse(readRange(fd, start, end).toString('utf8')) as {seq?: unknown};
			if (typeof record.seq === 'number' && Number.isInteger(record.seq)) return record.seq;
		} catch {}

		end = start - 1;
	}

	return 0;
}
