/**
Atomic file replacement (DESIGN §4.1 host.json, §7 side files): write a temp file in the same directory,
fsync it, rename over the target, fsync the directory. A crash leaves either the old or the new file,
never a truncated one (zellij's truncate-in-place lost state this way; host-architecture-notes §1.2).
*/
import {closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/** Write `data` to `path` atomically with `mode` (default 0600). Throws on failure, leaving no temp file behind. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
	const directory = dirname(path);
	// node:crypto is loaded on first use, not at import: readers of host.json (attach, ls, status) never write one and
	// loading it costs ~5 ms of their start (DESIGN §10 attach budget).
	const {randomBytes} = process.getBuiltinModule('node:crypto');
	const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const buffer = typeof data === 'string' ? Buffer.from(data) : data;
	let fd: number | undefined = openSync(temporary, 'wx', mode);
	try {
		writeAll(fd, buffer);
		fsyncSync(fd);
		closeSync(fd);
		fd = undefined;
		renameSync(temporary, path);
	} catch (error) {
		if (fd !== undefined) {
			try {
				closeSync(fd);
			} catch {}
		}

		try {
			unlinkSync(temporary);
		} catch {}

		throw error;
	}

	fsyncDirectory(directory);
}

/** One logical write as a loop: `writeSync` may return a short count (signals, RLIMIT_FSIZE; notes §4). */
export function writeAll(fd: number, buffer: Uint8Array): void {
	let offset = 0;
	while (offset < buffer.length) {
		offset += writeSync(fd, buffer, offset, buffer.length - offset);
	}
}

/** fsync a directory so a create/rename survives a crash; some file systems refuse it, which is harmless. */
export function fsyncDirectory(directory: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(directory, 'r');
		fsyncSync(fd);
	} catch {
		// EISDIR/EINVAL on some platforms: nothing more we can do.
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}
