/**
`<runDir>/host.json`: who runs behind a socket (DESIGN §4.1). Written atomically (temp, fsync, rename,
directory fsync) so a reader never sees half a file, even after kill -9 (docs/host-architecture-notes.md §3.3).
*/
import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {z} from 'zod';

export type HostJson = {
	hostId: string;
	pid: number;
	agent: string;
	command: string;
	args: string[];
	cwd: string;
	started: string;
	protocol: number;
};

const hostJsonSchema = z.object({
	hostId: z.string(),
	pid: z.number().int().positive(),
	agent: z.string(),
	command: z.string(),
	args: z.array(z.string()),
	cwd: z.string(),
	started: z.string(),
	protocol: z.number().int(),
});

export const hostJsonName = 'host.json';

export function writeHostJson(runDir: string, data: HostJson): void {
	const target = join(runDir, hostJsonName);
	const temporary = join(runDir, `.${hostJsonName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const fd = openSync(temporary, 'wx', 0o600);
	try {
		const bytes = Buffer.from(`${JSON.stringify(data, undefined, '\t')}\n`);
		let offset = 0;
		while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
		fsyncSync(fd);
	} catch (error) {
		closeSync(fd);
		unlinkSync(temporary);
		throw error;
	}

	closeSync(fd);
	try {
		renameSync(temporary, target);
	} catch (error) {
		unlinkSync(temporary);
		throw error;
	}

	syncDirectory(runDir);
}

/** The parsed host.json, or undefined when it is missing or not a valid record. */
export function readHostJson(runDir: string): HostJson | undefined {
	try {
		const parsed = hostJsonSchema.safeParse(JSON.parse(readFileSync(join(runDir, hostJsonName), 'utf8')));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

/** fsync of the directory makes the rename itself durable (fsync(2)); not every platform allows it. */
function syncDirectory(path: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		fsyncSync(fd);
	} catch {
		// EISDIR/EINVAL/EPERM on some platforms: the rename is still atomic, only less durable.
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}
