/**
The per-user runtime root that holds every host's run directory (DESIGN §4.1, §11). The directory is the
security boundary for the sockets, so it is checked like tmux's `make_label`: created 0700, then `lstat`
(no symlink following) for type, owner and mode. Someone else's directory is refused, never chmod'ed.
*/
import {lstatSync, mkdirSync} from 'node:fs';
import {runtimeRoot} from '../config/paths.js';

export function ensureRuntimeRoot(env: NodeJS.ProcessEnv = process.env): string {
	const root = runtimeRoot(env);
	try {
		mkdirSync(root, {recursive: true, mode: 0o700});
	} catch (error) {
		// EEXIST when a non-directory (or a dangling symlink) sits there; lstat below names the problem.
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw new Error(`cannot create runtime directory ${root}: ${(error as Error).message}`);
		}
	}

	checkPrivateDirectory(root);
	return root;
}

/** Throws unless `path` is a real directory owned by us with no group/other permission bits. */
export function checkPrivateDirectory(path: string): void {
	const stats = lstatSync(path);
	if (stats.isSymbolicLink()) throw new Error(`runtime directory ${path} is a symlink; refusing to use it`);
	if (!stats.isDirectory()) throw new Error(`runtime directory ${path} is not a directory`);
	const uid = typeof process.getuid === 'function' ? process.getuid() : stats.uid;
	if (stats.uid !== uid) throw new Error(`runtime directory ${path} is owned by uid ${stats.uid}, not ${uid}`);
	if ((stats.mode & 0o077) !== 0) {
		const mode = (stats.mode & 0o7777).toString(8).padStart(4, '0');
		throw new Error(`runtime directory ${path} has unsafe permissions ${mode} (must be 0700)`);
	}
}
