/**
`<runDir>/host.json`: who runs behind a socket (DESIGN §4.1). Written atomically (temp, fsync, rename,
directory fsync) so a reader never sees half a file, even after kill -9 (docs/host-architecture-notes.md §3.3).
*/
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {z} from 'zod';
// The log layer's atomic replace (temp, fsync, rename, directory fsync) serves host.json too.
import {writeFileAtomic} from '../log/atomic-write.js';

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

export type HostJson = z.infer<typeof hostJsonSchema>;

export const hostJsonName = 'host.json';

export function writeHostJson(runDir: string, data: HostJson): void {
	writeFileAtomic(join(runDir, hostJsonName), `${JSON.stringify(data, undefined, '\t')}\n`, 0o600);
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
