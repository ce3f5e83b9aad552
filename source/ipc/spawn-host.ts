/**
Starting a host daemon (DESIGN §4.1; pm2's launchDaemon pattern, notes §2.5): mint the id once, spawn the
host detached (own session and process group, so a closing terminal's SIGHUP never reaches it), its
stdout/stderr into the host log, and wait for one readiness line on fd 3.
*/
import {spawn} from 'node:child_process';
import {closeSync, fstatSync, mkdirSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';
import {dirname} from 'node:path';
import {hostLogPath} from '../config/paths.js';
import {createRunDir, projectName} from './host-id.js';
import {ensureRuntimeRoot} from './runtime-root.js';

/** The spawner tells the host which fd is its readiness pipe; without it fd 3 may be one of Node's own. */
export const readyFdVariable = 'AGENTS_READY_FD';

export type SpawnHostOptions = {
	readonly entry: readonly string[];
	readonly agentName: string;
	readonly cwd: string;
	readonly hostArgs: readonly string[];
	readonly env?: NodeJS.ProcessEnv;
	readonly timeoutMs?: number;
};

export type SpawnedHost = {hostId: string; socketPath: string; pid: number; runDir: string};

/**
V8 flags for the long-lived host (DESIGN §10 host RSS, measured by bench/host-bench.ts with 20 × 5,000 entries):
- a small young generation and size-optimised heuristics cut its resident memory by about a third (160 → ~110 MB
  before transcripts were archived);
- `--max-opt=2` stops at Maglev: TurboFan's code pages in the node binary are never touched and no TurboFan code
  is made, ~5 MB less RSS (file-backed 50 → 44 MB); the host's CPU for the 100,000-update fill stayed the same
  (5.5–6.5 s either way), because its hot paths are JSON and syscalls, not long-running JS loops.
The host is I/O bound, so the extra GC work does not show. test/unit/host-node-flags.test.ts checks that this Node
still accepts every flag (an unknown V8 flag would stop the host from starting).
*/
export const hostNodeFlags = ['--optimize-for-size', '--max-semi-space-size=1', '--max-opt=2'];

export async function spawnHostDaemon(options: SpawnHostOptions): Promise<SpawnedHost> {
	const env = options.env ?? process.env;
	const root = ensureRuntimeRoot(env);
	const {hostId, runDir, socketPath} = createRunDir(root, {
		hostname: hostname().split('.')[0] ?? 'host',
		project: projectName(options.cwd),
		agent: options.agentName,
		epoch: Math.floor(Date.now() / 1000),
	});
	const logPath = hostLogPath(hostId, env);
	let logFd: number;
	try {
		mkdirSync(dirname(logPath), {recursive: true, mode: 0o700});
		logFd = openSync(logPath, 'a', 0o600);
	} catch (error) {
		rmSync(runDir, {recursive: true, force: true});
		throw new Error(`cannot open host log ${logPath}: ${(error as Error).message}`);
	}

	const child = spawn(process.execPath, [...hostNodeFlags, ...options.entry, '__host', '--id', hostId, ...options.hostArgs], {
		cwd: options.cwd,
		env: {...env, [readyFdVariable]: '3'},
		detached: true,
		stdio: ['ignore', logFd, logFd, 'pipe'],
	});
	closeSync(logFd);

	return new Promise<SpawnedHost>((resolve, reject) => {
		const ready = child.stdio[3] as NodeJS.ReadableStream | null;
		let buffer = '';
		let settled = false;
		const timeoutMs = options.timeoutMs ?? 15_000;
		const timer = setTimeout(() => {
			fail(`host did not report ready within ${timeoutMs} ms`);
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);

		const cleanup = (): void => {
			settled = true;
			clearTimeout(timer);
			child.off('exit', onExit);
			child.off('error', onError);
			(ready as {destroy?: () => void} | null)?.destroy?.();
			child.unref();
		};

		/** `withLog`: the host died without saying why, so the end of its log explains it. */
		const fail = (message: string, withLog = true): void => {
			if (settled) return;
			cleanup();
			rmSync(runDir, {recursive: true, force: true});
			const tail = withLog ? logTail(logPath) : '';
			reject(new Error(tail ? `${message}\n${tail}` : message));
		};

		const onExit = (code: number | null, signal: string | null): void => {
			fail(`host exited before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`}); log: ${logPath}`);
		};

		const onError = (error: Error): void => {
			fail(`cannot start host: ${error.message}`);
		};

		child.once('exit', onExit);
		child.once('error', onError);
		ready?.on('error', () => undefined);
		ready?.on('data', (chunk: Buffer | string) => {
			buffer += chunk.toString();
			const newline = buffer.indexOf('\n');
			if (newline === -1 || settled) return;
			let message: {ok?: unknown; error?: unknown};
			try {
				message = JSON.parse(buffer.slice(0, newline)) as typeof message;
			} catch {
				fail(`host sent an unreadable readiness line: ${buffer.slice(0, 200)}`);
				return;
			}

			if (message.ok === true && child.pid !== undefined) {
				const pid = child.pid;
				cleanup();
				resolve({hostId, socketPath, pid, runDir});
			} else {
				// The host's own message is the one clear line (CLI contract, DESIGN §8).
				fail(typeof message.error === 'string' ? message.error : 'host failed to start', typeof message.error !== 'string');
			}
		});
	});
}

/** The last lines of the host log, to make a start failure self-explaining. */
function logTail(path: string): string {
	try {
		const text = readFileSync(path, 'utf8').trimEnd();
		return text.split('\n').slice(-5).join('\n');
	} catch {
		return '';
	}
}

/** Host side: report readiness on fd 3 when the spawner set it up, then close it. Never throws. */
export function signalReady(result: {ok: true} | {ok: false; error: string}): void {
	if (process.env[readyFdVariable] !== '3') return;
	// Once only, and never inherited by the agent (DESIGN §11 scrubs AGENTS_* anyway).
	delete process.env[readyFdVariable];
	try {
		const stats = fstatSync(3);
		if (!stats.isFIFO() && !stats.isSocket()) return;
		const line = Buffer.from(`${JSON.stringify(result)}\n`);
		let offset = 0;
		while (offset < line.length) offset += writeSync(3, line, offset);
		closeSync(3);
	} catch {
		// The spawner is gone (EPIPE) or fd 3 was never ours: nothing to report to.
	}
}
