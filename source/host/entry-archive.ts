/**
The host's transcript archive (DESIGN §10: host RSS ≤ 100 MB with 20 sessions × 5,000 entries): entries that left a
session's in-memory window, as JSON lines in a private file beside the session's log, read back by offset.

The file is unlinked as soon as it is open: it is a cache of this process's memory, not a record (the JSONL log is
the record, DESIGN §7), so it must vanish with the process, kill -9 included, and must never be listed as a log.
Per entry the host keeps 12 bytes (offset + length in typed arrays) instead of the entry object (~300 bytes
for a short message; far more for real agent text). Reads are synchronous `pread`s of the page cache: the update
handler that may need an old tool call back is synchronous (DESIGN §4.3).
*/
import {closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync} from 'node:fs';
import {dirname} from 'node:path';
import type {EntryArchive} from '../model/transcript-archive.js';
import type {TranscriptEntry} from '../model/types.js';

export type FileEntryArchive = EntryArchive & {
	/** Bytes written so far (stale copies of entries stored twice included). */
	readonly bytes: number;
	close(): void;
};

/** Opens an archive at `path` (created, then unlinked at once). Undefined when the directory is not writable. */
export function openEntryArchive(path: string, log: (line: string) => void): FileEntryArchive | undefined {
	let fd: number;
	try {
		mkdirSync(dirname(path), {recursive: true, mode: 0o700});
		fd = openSync(path, 'w+', 0o600);
	} catch (error) {
		log(`transcript archive unavailable (${(error as Error).message}): entries stay in memory`);
		return undefined;
	}

	try {
		unlinkSync(path);
	} catch {}

	let offsets = new Float64Array(1024).fill(-1);
	let lengths = new Uint32Array(1024);
	let size = 0;
	let closed = false;
	let failed = false;

	const fail = (what: string, error: unknown): void => {
		if (!failed) log(`transcript archive ${what} failed: ${(error as Error).message}`);
		failed = true;
	};

	const grow = (index: number): void => {
		if (index < offsets.length) return;
		let capacity = offsets.length;
		// 1.5× growth keeps the slack small: 12 bytes per entry is the whole in-memory cost of an archived entry.
		while (capacity <= index) capacity = Math.ceil(capacity * 1.5);
		const nextOffsets = new Float64Array(capacity).fill(-1);
		nextOffsets.set(offsets);
		const nextLengths = new Uint32Array(capacity);
		nextLengths.set(lengths);
		offsets = nextOffsets;
		lengths = nextLengths;
	};

	/** Reads [start, start + length) fully; a short file (should not happen) yields what is there. */
	const readRange = (start: number, length: number): Buffer => {
		const buffer = Buffer.allocUnsafe(length);
		let done = 0;
		while (done < length) {
			const read = readSync(fd, buffer, done, length - done, start + done);
			if (read === 0) break;
			done += read;
		}

		return buffer.subarray(0, done);
	};

	return {
		get bytes() {
			return size;
		},
		put(entries) {
			if (closed || failed) return false;
			if (entries.length === 0) return true;
			const lines: string[] = [];
			const lineLengths: number[] = [];
			try {
				for (const entry of entries) {
					const line = JSON.stringify(entry) + '\n';
					lines.push(line);
					lineLengths.push(Buffer.byteLength(line) - 1);
				}

				const buffer = Buffer.from(lines.join(''));
				let written = 0;
				while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written, size + written);
			} catch (error) {
				// Nothing is recorded as stored, so the store keeps these entries; a partial write is overwritten later.
				fail('write', error);
				return false;
			}

			let offset = size;
			for (const [position, entry] of entries.entries()) {
				grow(entry.index);
				const length = lineLengths[position]!;
				offsets[entry.index] = offset;
				lengths[entry.index] = length;
				offset += length + 1;
			}

			size = offset;
			return true;
		},
		read(from, to) {
			const result: TranscriptEntry[] = [];
			const end = Math.min(to, offsets.length);
			let index = Math.max(0, from);
			try {
				while (index < end) {
					const start = offsets[index]!;
					if (start < 0 || closed) {
						index++;
						continue;
					}

					// Entries archived in one batch lie back to back: read a run of them with one pread.
					let runEnd = index + 1;
					let bytes = lengths[index]! + 1;
					while (runEnd < end && offsets[runEnd] === start + bytes && bytes < 4 * 1024 * 1024) {
						bytes += lengths[runEnd]! + 1;
						runEnd++;
					}

					// Lengths are bytes: cut the buffer, not the decoded string (multi-byte text).
					const buffer = readRange(start, bytes);
					let cursor = 0;
					for (let at = index; at < runEnd; at++) {
						const length = lengths[at]!;
						result.push(JSON.parse(buffer.toString('utf8', cursor, cursor + length)) as TranscriptEntry);
						cursor += length + 1;
					}

					index = runEnd;
				}
			} catch (error) {
				// An unreadable archive must not crash the host (DESIGN §11): serve what was read.
				fail('read', error);
			}

			return result;
		},
		close() {
			if (closed) return;
			closed = true;
			try {
				closeSync(fd);
			} catch {}
		},
	};
}
