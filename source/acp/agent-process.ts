/**
The agent subprocess: spawned with execa in its own process group, stdio for ACP, stderr to the host log,
stopped with stdin close → SIGTERM to the group → SIGKILL after 2 s (DESIGN §4.2). Several released agents
keep running after stdin closes and `npx` wrappers orphan their children (docs/agent-quirks.md §1.7), so the
whole group is signalled, never just the pid.
*/
import {execa} from 'execa';
import {HostError} from '../model/types.js';

export type AgentSpec = {
	readonly command: string;
	readonly args: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
	readonly cwd: string;
};

export type AgentExit = {readonly code: number | null; readonly signal: string | null; readonly reason: string};

export type AgentProcess = {
	readonly pid: number;
	readonly stdin: NodeJS.WritableStream;
	readonly stdout: NodeJS.ReadableStream;
	/** Resolves once the process has exited (never rejects). */
	readonly exited: Promise<AgentExit>;
	/** Close stdin, SIGTERM the group, SIGKILL the group after `graceMs`; resolves when it has exited. */
	stop(graceMs?: number): Promise<AgentExit>;
};

/** Environment for the agent: the host's own, minus `AGENTS_*` (the socket must not leak to the agent, DESIGN §11). */
export function agentEnvironment(base: NodeJS.ProcessEnv, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(base)) {
		if (value !== undefined && !key.startsWith('AGENTS_')) env[key] = value;
	}
	return {...env, ...extra};
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// Already gone.
		}
	}
}

function startChild(spec: AgentSpec) {
	return execa(spec.command, [...spec.args], {
		cwd: spec.cwd,
		env: agentEnvironment(process.env, spec.env),
		extendEnv: false,
		buffer: false,
		detached: true,
		reject: false,
		stdin: 'pipe',
		stdout: 'pipe',
		stderr: 'pipe',
		// The host stops the agent itself (stdin close, then the group); execa's own cleanup would only
		// signal the pid when the host exits.
		forceKillAfterDelay: false,
	});
}

/**
Spawn the agent and wait until the OS confirms the spawn, so a missing command is one clear error
instead of an `ACP connection closed` later.
*/
export async function spawnAgentProcess(spec: AgentSpec, onStderrLine: (line: string) => void): Promise<AgentProcess> {
	let child: ReturnType<typeof startChild>;
	try {
		child = startChild(spec);
	} catch (error) {
		throw new HostError('agent-missing', `cannot start agent ${spec.command}: ${(error as Error).message}`);
	}

	const node = child.nodeChildProcess;
	await new Promise<void>((resolve, reject) => {
		node.once('spawn', () => {
			resolve();
		});
		node.once('error', (error: NodeJS.ErrnoException) => {
			const message = error.code === 'ENOENT'
				? `agent command not found: ${spec.command} (is it installed and on PATH?)`
				: `cannot start agent ${spec.command}: ${error.message}`;
			reject(new HostError('agent-missing', message));
		});
	});
	const pid = child.pid!;

	let stderrRest = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk: string) => {
		const lines = (stderrRest + chunk).split('\n');
		stderrRest = lines.pop() ?? '';
		for (const line of lines) if (line) onStderrLine(line);
	});

	const exited = new Promise<AgentExit>(resolve => {
		node.once('exit', (code, signal) => {
			if (stderrRest) onStderrLine(stderrRest);
			resolve({code, signal, reason: signal ? `killed by ${signal}` : `exited with code ${code ?? 'unknown'}`});
		});
	});
	// The execa promise itself must never become an unhandled rejection.
	child.catch(() => undefined);

	let stopping: Promise<AgentExit> | undefined;
	const stop = async (graceMs = 2000): Promise<AgentExit> => {
		stopping ??= (async () => {
			child.stdin.end();
			signalGroup(pid, 'SIGTERM');
			const timer = setTimeout(() => {
				signalGroup(pid, 'SIGKILL');
			}, graceMs);
			const result = await exited;
			clearTimeout(timer);
			// Children that outlived the leader (npx wrappers) still get the group kill.
			signalGroup(pid, 'SIGKILL');
			return result;
		})();
		return stopping;
	};

	return {pid, stdin: child.stdin, stdout: child.stdout, exited, stop};
}
