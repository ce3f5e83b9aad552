/**
`fs/read_text_file` and `fs/write_text_file` for the agent (DESIGN §4.6): absolute paths inside the session's
cwd (and its additional directories) unless `fsScope` is `any`; anything else is refused with an error that
says why. Symlinks are resolved before the check so a link inside the cwd cannot reach outside it.
Answered even when the agent calls them without the capability (opencode does, docs/agent-quirks.md §1.4).
*/
import {mkdirSync, readFileSync, realpathSync} from 'node:fs';
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path';
import {writeFileAtomic} from '../log/atomic-write.js';
import {HostError} from '../model/types.js';

export type FsScope = 'cwd' | 'any';

/** Resolve symlinks of the longest existing prefix of `path` (the file itself may not exist yet). */
function realpathOfExisting(path: string): string {
	let current = path;
	const rest: string[] = [];
	for (;;) {
		try {
			return resolve(realpathSync(current), ...rest.reverse());
		} catch {
			const parent = dirname(current);
			if (parent === current) return path;
			rest.push(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
			current = parent;
		}
	}
}

function isInside(child: string, root: string): boolean {
	const relation = relative(root, child);
	return relation === '' || (!relation.startsWith('..') && !isAbsolute(relation));
}

/** The path the agent may use, or a HostError('invalid') naming the reason. */
export function confinePath(path: string, roots: readonly string[], scope: FsScope): string {
	if (!isAbsolute(path)) throw new HostError('invalid', `path must be absolute: ${path}`);
	const real = realpathOfExisting(resolve(path));
	if (scope === 'any') return real;
	const realRoots = roots.map(root => realpathOfExisting(resolve(root)));
	if (realRoots.some(root => isInside(real, root))) return real;
	throw new HostError('invalid', `refused: ${path} is outside the session's directory ${roots[0] ?? ''} (set "fsScope": "any" in the agents config to allow it)`);
}

export function readTextFile(path: string, roots: readonly string[], scope: FsScope, line?: number | null, limit?: number | null): string {
	const real = confinePath(path, roots, scope);
	let text: string;
	try {
		text = readFileSync(real, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new HostError('invalid', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`);
	}
	if (!line && !limit) return text;
	// ACP: `line` is 1-based; `limit` is a number of lines.
	const lines = text.split('\n');
	const start = Math.max(0, (line ?? 1) - 1);
	const end = limit ? start + limit : lines.length;
	return lines.slice(start, end).join('\n');
}

export function writeTextFile(path: string, content: string, roots: readonly string[], scope: FsScope): void {
	const real = confinePath(path, roots, scope);
	try {
		mkdirSync(dirname(real), {recursive: true});
		writeFileAtomic(real, content, 0o644);
	} catch (error) {
		throw new HostError('invalid', `cannot write ${path}: ${(error as Error).message}`);
	}
}
