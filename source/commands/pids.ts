/** Waiting for processes to be gone (`agents kill` promises no process left behind, DESIGN §8). */
import {pidAlive} from '../ipc/discovery.js';

/** Alive = signal 0 succeeds and it is not a zombie. */
export const isAlive = pidAlive;

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
