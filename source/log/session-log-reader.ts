/**
Tolerant streaming reader for session logs (DESIGN §7, issue 5.7): reads in chunks (never the whole file),
skips a partial last line (a writer mid-append or a torn tail) and unparsable lines, and counts both.
Side-file references are resolved back to their payload on request.
*/
import {open, readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import type {LogRecord, SideFileRef} from '../model/log-record.js';

export type ReadStats = {readonly records: number; readonly skippedCorrupt: number; readonly skippedPartial: number};

/** One full line of a log: its raw text, parsed record (undefined when unparsable), and the offset after it. */
export type LogLine = {readonly text: string; readonly record: LogRecord | undefined; readonly end: number};

const chunkBytes = 256 * 1024;
const payloadFields = ['update', 'text', 'toolCall', 'detail'] as const;

export class LogReadError extends Error {
	readonly path: string;

	constructor(path: string, cause: unknown) {
		const code = (cause as NodeJS.ErrnoException | undefined)?.code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String((cause as Error | undefined)?.message ?? cause);
		super(`cannot read log ${path}: ${why}`);
		this.name = 'LogReadError';
		this.path = path;
	}
}

/**
Every full line from `start` on, in order. Returns the offset after the last full line and whether a
partial (unterminated) tail remained, so followers can resume from there.
*/
export async function* readLogLines(path: string, start = 0): AsyncGenerator<LogLine, {end: number; partial: boolean}> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		throw new LogReadError(path, error);
	}

	try {
		const buffer = Buffer.alloc(chunkBytes);
		let pending: Buffer[] = [];
		let pendingBytes = 0;
		let position = start;
		let lineStart = start;
		for (;;) {
			let read;
			try {
				({bytesRead: read} = await handle.read(buffer, 0, buffer.length, position));
			} catch (error) {
				throw new LogReadError(path, error);
			}

			if (read === 0) break;
			const chunk = buffer.subarray(0, read);
			let from = 0;
			for (let index = chunk.indexOf(0x0a); index >= 0; index = chunk.indexOf(0x0a, from)) {
				const piece = chunk.subarray(from, index);
				const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
				pending = [];
				const end = lineStart + pendingBytes + piece.length + 1;
				pendingBytes = 0;
				lineStart = end;
				from = index + 1;
				const text = bytes.toString('utf8');
				yield {text, record: parseRecord(text), end};
			}

			if (from < read) {
				pending.push(Buffer.from(chunk.subarray(from)));
				pendingBytes += read - from;
			}

			position += read;
		}

		return {end: lineStart, partial: pendingBytes > 0};
	} finally {
		await handle.close();
	}
}

/** Parse one line; undefined unless it is a JSON object with a string `type` (the minimum a renderer needs). */
export function parseRecord(text: string): LogRecord | undefined {
	if (text.trim() === '') return undefined;
	try {
		const value = JSON.parse(text) as unknown;
		if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as {type?: unknown}).type === 'string') {
			return value as LogRecord;
		}
	} catch {}

	return undefined;
}

export function isSideFileRef(value: unknown): value is SideFileRef {
	return Boolean(value) && typeof value === 'object' && typeof (value as {$side?: unknown}).$side === 'string';
}

/** Replace a side-file reference with its payload; a missing or unreadable side file keeps the reference. */
export async function resolveSideFiles(path: string, record: LogRecord): Promise<LogRecord> {
	const fields = record as Record<string, unknown>;
	if (!payloadFields.some(field => isSideFileRef(fields[field]))) return record;
	const copy: Record<string, unknown> = {...record};
	let changed = false;
	for (const field of payloadFields) {
		const value = copy[field];
		if (!isSideFileRef(value)) continue;
		// Only names inside the log's own directory: a log line must not point the reader elsewhere.
		if (value.$side.includes('..') || value.$side.startsWith('/')) continue;
		try {
			copy[field] = JSON.parse(await readFile(join(dirname(path), value.$side), 'utf8')) as unknown;
			changed = true;
		} catch {}
	}

	return changed ? (copy as LogRecord) : record;
}

export async function* readLogRecords(path: string, options: {resolveSideFiles?: boolean} = {}): AsyncGenerator<LogRecord, ReadStats> {
	let records = 0;
	let skippedCorrupt = 0;
	const lines = readLogLines(path);
	for (;;) {
		const next = await lines.next();
		if (next.done) return {records, skippedCorrupt, skippedPartial: next.value.partial ? 1 : 0};
		const {record} = next.value;
		if (!record) {
			skippedCorrupt++;
			continue;
		}

		records++;
		yield options.resolveSideFiles === false ? record : await resolveSideFiles(path, record);
	}
}

export async function readLogFile(path: string): Promise<{records: LogRecord[]; stats: ReadStats}> {
	const records: LogRecord[] = [];
	const iterator = readLogRecords(path);
	for (;;) {
		const next = await iterator.next();
		if (next.done) return {records, stats: next.value};
		records.push(next.value);
	}
}
