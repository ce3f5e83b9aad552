/** Waiting for processes to be gone (`agents kill` promises no process left behind, DESIGN §8). */
import {readFileSync} from 'node:fs';

/** Alive = signal 0 succeeds and it is not a zombie (a reparented host may wait for a reaper in containers). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}

	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Field 3, after the parenthesised command name (which may contain spaces).
		const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		return state !== 'Z' && state !== 'X';
	} catch {
		return true;
	}
}

/** Poll until every pid is gone or `timeoutMs` passes; returns the ones still alive. */
export async function waitForExit(pids: readonly number[], timeoutMs: number): Promise<number[]> {
	const deadline = Date.now() + timeoutMs;
	let alive = pids.filter(pid => isAlive(pid));
	while (alive.length > 0 && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 25));
		alive = alive.filter(pid => isAlive(pid));
	}

	return alive;
}

export function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}
