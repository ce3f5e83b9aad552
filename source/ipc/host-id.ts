/**
Host ids and run directories (DESIGN §4.1). The spawner mints `<hostname>.<project>.<agent>.<epoch>` once;
uniqueness comes from an exclusive, non-recursive mkdir (never from the clock alone), so two spawns in the
same second, or after a clock step, still get distinct ids.
*/
import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {basename, join, resolve} from 'node:path';
import {sanitizePart} from '../config/paths.js';

/** sun_path is 104 bytes on macOS (108 on Linux) including the NUL; stay under the smaller. */
export const maxSocketPathBytes = 103;

/** Basename of the git top level containing `cwd`, else of `cwd` itself. */
export function projectName(cwd: string): string {
	try {
		const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
			timeout: 5000,
		}).trim();
		if (top) return basename(top);
	} catch {
		// Not a git work tree, or git missing: fall back to the directory's own name.
	}

	return basename(resolve(cwd));
}

export type RunDirParts = {readonly hostname: string; readonly project: string; readonly agent: string; readonly epoch: number};
export type RunDir = {readonly hostId: string; readonly runDir: string; readonly socketPath: string};

export function createRunDir(root: string, parts: RunDirParts): RunDir {
	const hostname = sanitizePart(parts.hostname, 'host');
	const project = sanitizePart(parts.project, 'project');
	const agent = sanitizePart(parts.agent, 'agent');
	let epoch = Math.max(0, Math.floor(parts.epoch));
	for (let attempt = 0; attempt < 10_000; attempt++, epoch++) {
		const hostId = fitHostId(root, hostname, project, agent, epoch);
		const runDir = join(root, hostId);
		try {
			mkdirSync(runDir, {mode: 0o700});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
			throw error;
		}

		return {hostId, runDir, socketPath: join(runDir, 'sock')};
	}

	throw new Error(`could not create a unique run directory under ${root}`);
}

/** Shortens the project part (then hostname, then agent), never the epoch, until `<root>/<id>/sock` fits. */
function fitHostId(root: string, hostname: string, project: string, agent: string, epoch: number): string {
	const budget = maxSocketPathBytes - Buffer.byteLength(join(root, 'x', 'sock')) + 1;
	const parts = [hostname, project, agent];
	const length = (): number => parts.join('.').length + 1 + String(epoch).length;
	for (const index of [1, 0, 2]) {
		const excess = length() - budget;
		if (excess <= 0) break;
		const part = parts[index] ?? '';
		parts[index] = part.slice(0, Math.max(1, part.length - excess)).replace(/-+$/, '') || part.slice(0, 1);
	}

	if (length() > budget) {
		throw new Error(`runtime directory ${root} is too long for a Unix socket path (max ${maxSocketPathBytes} bytes); set AGENTS_TMPDIR to a shorter path`);
	}

	return `${parts.join('.')}.${epoch}`;
}
