/**
`<runDir>/host.json`: who runs behind a socket (DESIGN §4.1). Written atomically (temp, fsync, rename,
directory fsync) so a reader never sees half a file, even after kill -9 (docs/host-architecture-notes.md §3.3).
*/
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
// The log layer's atomic replace (temp, fsync, rename, directory fsync) serves host.json too.
import {writeFileAtomic} from '../log/atomic-write.js';

export type HostJson = {
	readonly hostId: string;
	readonly pid: number;
	readonly agent: string;
	readonly command: string;
	readonly args: readonly string[];
	readonly cwd: string;
	readonly started: string;
	readonly protocol: number;
};

export const hostJsonName = 'host.json';

export function writeHostJson(runDir: string, data: HostJson): void {
	writeFileAtomic(join(runDir, hostJsonName), `${JSON.stringify(data, undefined, '\t')}\n`, 0o600);
}

/** The parsed host.json, or undefined when it is missing or not a valid record. */
export function readHostJson(runDir: string): HostJson | undefined {
	try {
		return toHostJson(JSON.parse(readFileSync(join(runDir, hostJsonName), 'utf8')));
	} catch {
		return undefined;
	}
}

/**
Checked by hand, not with zod: discovery runs on every `attach`, `ls` and `status` (tmux calls `status` every few
seconds), and loading zod costs ~15-25 ms there (DESIGN §10 attach budget). Unknown keys are dropped.
*/
export function toHostJson(value: unknown): HostJson | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	const {hostId, pid, agent, command, args, cwd, started, protocol} = record;
	const isString = (field: unknown): field is string => typeof field === 'string';
	if (!isString(hostId) || !isString(agent) || !isString(command) || !isString(cwd) || !isString(started)) return undefined;
	if (!Number.isSafeInteger(pid) || (pid as number) <= 0 || !Number.isSafeInteger(protocol)) return undefined;
	if (!Array.isArray(args) || !args.every(isString)) return undefined;
	return {hostId, pid: pid as number, agent, command, args: [...args], cwd, started, protocol: protocol as number};
}
