/**
The real TUI client (`node dist/cli.js --attach ID`) in a pseudo-terminal for the TUI bench. node-pty is not a
dependency, so util-linux `script` provides the PTY: `stty` sets its size, our pipe feeds its input (keys), and
its output is exactly what the terminal would receive. Counts every output byte and keeps the decoded text so
waits can look for strings in what arrived after a mark.
*/
import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import {projectRoot} from './bench-env.js';

export type PtyClient = {
	readonly script: ChildProcess;
	/** Bytes written to the terminal so far. */
	bytes(): number;
	/** Decoded output so far (search it from a `mark()`). */
	text(): string;
	mark(): number;
	write(data: string): void;
	/** Resolve with the ms from the call until `needle` appears in the text after `from` (default: now). */
	waitFor(needle: string, timeoutMs?: number, from?: number): Promise<number>;
	/** Resolve once no output arrived for `quietMs`. */
	waitQuiet(quietMs: number, timeoutMs?: number): Promise<void>;
	/** The node process of the client (script's child: `exec` replaces the shell). */
	clientPid(): number | undefined;
	/** Detach with the prefix + `d`; kill when it does not exit. */
	close(): Promise<void>;
};

export type PtyOptions = {
	readonly env: NodeJS.ProcessEnv;
	readonly rows: number;
	readonly cols: number;
	/** Extra node flags for the client (e.g. `--cpu-prof` when looking for where its time goes). */
	readonly nodeArgs?: readonly string[];
};

export function startPtyClient(hostId: string, options: PtyOptions): PtyClient {
	const node = [process.execPath, ...options.nodeArgs ?? []].join(' ');
	const command = `stty rows ${options.rows} cols ${options.cols}; exec ${node} ${join(projectRoot, 'dist', 'cli.js')} --attach ${hostId}`;
	const script = spawn('script', ['-qfec', command, '/dev/null'], {env: {...options.env, TERM: 'xterm-256color'}, stdio: ['pipe', 'pipe', 'ignore']});
	const decoder = new StringDecoder('utf8');
	let bytes = 0;
	let text = '';
	let lastOutput = performance.now();
	const waiters = new Set<() => void>();
	script.stdout!.on('data', (chunk: Buffer) => {
		bytes += chunk.length;
		text += decoder.write(chunk);
		lastOutput = performance.now();
		for (const waiter of [...waiters]) waiter();
	});
	const exited = new Promise<void>(resolve => {
		script.on('close', () => {
			resolve();
		});
	});

	const client: PtyClient = {
		script,
		bytes: () => bytes,
		text: () => text,
		mark: () => text.length,
		write(data) {
			script.stdin!.write(data);
		},
		async waitFor(needle, timeoutMs = 10_000, from = text.length) {
			const start = performance.now();
			if (text.includes(needle, from)) return 0;
			return new Promise((resolve, reject) => {
				const done = (error?: Error) => {
					waiters.delete(check);
					clearTimeout(timer);
					if (error === undefined) resolve(performance.now() - start);
					else reject(error);
				};
				const check = () => {
					// Search only the tail that can hold a new match (the needle may straddle a chunk boundary).
					if (text.includes(needle, Math.max(from, text.length - 65_536))) done();
				};
				const timer = setTimeout(() => {
					done(new Error(`the client did not show ${JSON.stringify(needle)} within ${timeoutMs} ms`));
				}, timeoutMs);
				waiters.add(check);
			});
		},
		async waitQuiet(quietMs, timeoutMs = 20_000) {
			const deadline = performance.now() + timeoutMs;
			while (performance.now() - lastOutput < quietMs) {
				if (performance.now() > deadline) throw new Error(`the client never went quiet for ${quietMs} ms`);
				await new Promise(resolve => setTimeout(resolve, Math.max(5, quietMs - (performance.now() - lastOutput))));
			}
		},
		clientPid() {
			if (script.pid === undefined) return undefined;
			try {
				const children = readFileSync(`/proc/${script.pid}/task/${script.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
				return children.length > 0 ? Number(children[0]) : undefined;
			} catch {
				return undefined;
			}
		},
		async close() {
			if (script.exitCode === null && script.signalCode === null) {
				script.stdin!.write('\u0002d');
				const timer = setTimeout(() => {
					const pid = client.clientPid();
					if (pid !== undefined) process.kill(pid, 'SIGKILL');
					script.kill('SIGKILL');
				}, 3000);
				await exited;
				clearTimeout(timer);
			}
		},
	};
	return client;
}

/** utime + stime of a process in seconds (Linux /proc; USER_HZ is 100 on every Linux ABI we run on). */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields after the command: state is [0], so utime (field 14) is [11] and stime (15) is [12].
	return (Number(fields[11]) + Number(fields[12])) / 100;
}
