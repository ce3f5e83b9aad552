/**
Process-tree queries from /proc (Linux), for tests that check which processes an agent runs and that none outlive
the host (DESIGN §4.2).
*/
import {readdirSync, readFileSync} from 'node:fs';

/** Live (non-zombie) pids whose parent is `parent`. */
export function childrenOf(parent: number): number[] {
	const pids: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// Fields after the command's closing parenthesis: state, ppid, …
			const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(ppid) === parent && state !== 'Z') pids.push(Number(name));
		} catch {
			// Gone meanwhile.
		}
	}
	return pids;
}

/** Live descendants of `root` (children, their children, …), in breadth-first order. */
export function descendantsOf(root: number): number[] {
	const found: number[] = [];
	for (let queue = [root]; queue.length > 0;) {
		const next = queue.flatMap(pid => childrenOf(pid));
		found.push(...next);
		queue = next;
	}
	return found;
}

/** The command line of a pid with spaces between its arguments, '' when it is gone. */
export function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
	} catch {
		return '';
	}
}
