/**
End-to-end harness for the built CLI (DESIGN §12): builds `dist/cli.js` once when it is older than the
sources, runs `node dist/cli.js …` with private AGENTS_TMPDIR / AGENTS_STATE_DIR / AGENTS_CONFIG_DIR, and
cleans up every host (and agent) a test started, whatever the test did.
*/
import type {HostRow} from '../../source/commands/ls.js';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundleIsStale} from '../../scripts/bundle-stale.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bundle = join(root, 'dist', 'cli.js');

/**
Build once across concurrently running test files: an exclusive mkdir lock, because build.mjs empties
the same bundle concurrently (build.mjs itself swaps files in atomically).
*/
export function ensureBuilt(): void {
	if (!bundleIsStale(root)) return;
	const lock = join(root, 'node_modules', '.cache', 'agents-e2e-build.lock');
	mkdirSync(dirname(lock), {recursive: true});
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			if (Date.now() > deadline || Date.now() - statSync(lock, {throwIfNoEntry: false})!.mtimeMs > 120_000) rmSync(lock, {recursive: true, force: true});
			execFileSync('sleep', ['0.2']);
		}
	}

	try {
		if (bundleIsStale(root)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {cwd: root, stdio: ['ignore', 'inherit', 'inherit']});
	} finally {
		rmSync(lock, {recursive: true, force: true});
	}
}

export type RunResult = {readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stdout: string; readonly stderr: string};

export type Running = {
	readonly child: ChildProcess;
	/** Everything written so far. */
	stdout(): string;
	stderr(): string;
	/** Resolves when the process exits. */
	readonly done: Promise<RunResult>;
};

export type CliSandbox = {
	readonly base: string;
	readonly env: NodeJS.ProcessEnv;
	readonly runtimeRoot: string;
	readonly stateDir: string;
	readonly configDir: string;
	start(args: readonly string[], options?: {readonly cwd?: string; readonly env?: NodeJS.ProcessEnv}): Running;
	run(args: readonly string[], options?: {readonly cwd?: string; readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv}): Promise<RunResult>;
	/** `agents -d -a demo`: the new host id. */
	startDemoHost(): Promise<string>;
	cleanup(): Promise<void>;
};

/** Wait for `check` to return a truthy value, polling; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

export function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}

	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true;
	}
}

/** Fully gone (reaped): what `ls` needs before it may call a host dead (a zombie still answers signal 0). */
export function pidReaped(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

function hostPids(runtimeRoot: string): number[] {
	if (!existsSync(runtimeRoot)) return [];
	return readdirSync(runtimeRoot).flatMap(name => {
		try {
			const info = JSON.parse(readFileSync(join(runtimeRoot, name, 'host.json'), 'utf8')) as {pid?: number};
			return typeof info.pid === 'number' ? [info.pid] : [];
		} catch {
			return [];
		}
	});
}

/** Pids of every process whose command line mentions `marker` (our private temp dir): hosts and their agents. */
function processesMentioning(marker: string): number[] {
	const pids: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
		try {
			const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8');
			const environ = readFileSync(`/proc/${name}/environ`, 'utf8');
			if (commandLine.includes(marker) || environ.includes(marker)) pids.push(Number(name));
		} catch {
			// Gone or not ours.
		}
	}

	return pids;
}

export function createCliSandbox(prefix = 'agents-e2e-'): CliSandbox {
	ensureBuilt();
	// Short base path: the socket path must stay under 104 bytes (DESIGN §4.1).
	const base = mkdtempSync(join(tmpdir(), prefix));
	const runtimeRoot = join(base, 'run');
	const stateDir = join(base, 'state');
	const configDir = join(base, 'config');
	const env: NodeJS.ProcessEnv = {
		...process.env,
		AGENTS_TMPDIR: runtimeRoot,
		AGENTS_STATE_DIR: stateDir,
		AGENTS_CONFIG_DIR: configDir,
		NO_COLOR: '1',
	};
	const children = new Set<ChildProcess>();

	const start: CliSandbox['start'] = (args, options = {}) => {
		const child = spawn(process.execPath, [bundle, ...args], {cwd: options.cwd ?? base, env: options.env ?? env, stdio: ['ignore', 'pipe', 'pipe']});
		children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		const done = new Promise<RunResult>(resolve => {
			child.on('close', (code, signal) => {
				children.delete(child);
				resolve({code, signal, stdout, stderr});
			});
		});
		return {child, stdout: () => stdout, stderr: () => stderr, done};
	};

	const run: CliSandbox['run'] = async (args, options = {}) => {
		const running = start(args, options);
		const timer = setTimeout(() => running.child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
		const result = await running.done;
		clearTimeout(timer);
		return result;
	};

	return {
		base,
		env,
		runtimeRoot,
		stateDir,
		configDir,
		start,
		run,
		async startDemoHost() {
			const result = await run(['-d', '-a', 'demo']);
			if (result.code !== 0) throw new Error(`agents -d -a demo failed (${result.code}): ${result.stderr}`);
			return result.stdout.trim();
		},
		async cleanup() {
			for (const child of children) child.kill('SIGKILL');
			await run(['kill', '--all'], {timeoutMs: 15_000}).catch(() => undefined);
			// Whatever survived (a test's SIGSTOP, a half-started host): by pid from host.json, then by our temp path.
			for (const pid of [...hostPids(runtimeRoot), ...processesMentioning(base)]) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Already gone.
				}
			}

			rmSync(base, {recursive: true, force: true});
		},
	};
}

/** `agents ls --json` parsed. */
export type LsHost = HostRow;

export async function lsJson(sandbox: CliSandbox): Promise<LsHost[]> {
	const result = await sandbox.run(['ls', '--json']);
	if (result.code !== 0) throw new Error(`agents ls --json failed: ${result.stderr}`);
	return (JSON.parse(result.stdout) as {hosts: LsHost[]}).hosts;
}
