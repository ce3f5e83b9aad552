/**
`agents logs --prune --older-than DURATION [--dry-run]` (issue 5.6): remove session logs whose last write
is older than the cut-off, with their `.torn` fragments and side-file directories.
*/
import {readdir, rm, rmdir, stat} from 'node:fs/promises';
import {dirname} from 'node:path';
import {listLogFiles} from './log-index.js';
import {sideDirectory} from './session-log-writer.js';

const units: Record<string, number> = {s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

/** `90s`, `30m`, `12h`, `7d`, `2w` → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)\s*$/i.exec(text);
	if (!match) return undefined;
	return Number(match[1]) * units[match[2]!.toLowerCase()]!;
}

export type PrunedLog = {readonly path: string; readonly hostId: string; readonly sessionId: string; readonly bytes: number; readonly mtimeMs: number};

async function sizeOf(path: string): Promise<number> {
	try {
		const info = await stat(path);
		if (!info.isDirectory()) return info.size;
		let total = 0;
		for (const name of await readdir(path)) total += await sizeOf(`${path}/${name}`);
		return total;
	} catch {
		return 0;
	}
}

export async function pruneLogs(options: {olderThanMs: number; dryRun?: boolean; host?: string; env?: NodeJS.ProcessEnv; now?: number}): Promise<PrunedLog[]> {
	const cutoff = (options.now ?? Date.now()) - options.olderThanMs;
	const pruned: PrunedLog[] = [];
	const hostDirectories = new Set<string>();
	for (const file of await listLogFiles({env: options.env, host: options.host})) {
		if (file.mtimeMs >= cutoff) continue;
		const extras = [`${file.path}.torn`, sideDirectory(file.path)];
		let bytes = file.size;
		for (const extra of extras) bytes += await sizeOf(extra);
		pruned.push({path: file.path, hostId: file.hostId, sessionId: file.sessionId, bytes, mtimeMs: file.mtimeMs});
		if (options.dryRun) continue;
		await rm(file.path, {force: true});
		for (const extra of extras) await rm(extra, {recursive: true, force: true});
		hostDirectories.add(dirname(file.path));
	}

	for (const directory of hostDirectories) {
		// Only empty host directories go; rmdir refuses the others.
		await rmdir(directory).catch(() => undefined);
	}

	return pruned;
}
