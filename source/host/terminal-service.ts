/**
`terminal/*` for the agent (DESIGN §4.6): commands run with execa in the session's cwd, no shell unless the
agent asks for one (`sh -c …`), the whole process tree killed (`killDescendants`), output kept up to
`outputByteLimit` by dropping from the start at a character boundary.
*/
import {randomUUID} from 'node:crypto';
import {execa} from 'execa';
import type {TerminalExit} from '../acp/agent-connection.js';
import {agentEnvironment} from '../acp/agent-process.js';
import {HostError} from '../model/types.js';

type Terminal = {
	readonly id: string;
	readonly sessionId: string;
	readonly limit: number;
	output: string;
	outputBytes: number;
	truncated: boolean;
	exit?: TerminalExit;
	readonly exited: Promise<TerminalExit>;
	kill(): void;
};

const defaultLimit = 1024 * 1024;

/** Keep the last `limit` bytes of `text`, cut at a UTF-8 character boundary. */
export function truncateStart(text: string, limit: number): {readonly text: string; readonly bytes: number; readonly truncated: boolean} {
	const bytes = Buffer.byteLength(text);
	if (bytes <= limit) return {text, bytes, truncated: false};
	const buffer = Buffer.from(text);
	let start = bytes - limit;
	// Continuation bytes are 10xxxxxx: step forward to the next character start.
	while (start < buffer.length && (buffer[start]! & 0xC0) === 0x80) start++;
	const kept = buffer.subarray(start).toString('utf8');
	return {text: kept, bytes: buffer.length - start, truncated: true};
}

/** The output as the agent may see it: at most `outputByteLimit` bytes, cut from the start. */
function visibleOutput(terminal: Terminal): {readonly output: string; readonly truncated: boolean} {
	if (terminal.outputBytes <= terminal.limit) return {output: terminal.output, truncated: terminal.truncated};
	return {output: truncateStart(terminal.output, terminal.limit).text, truncated: true};
}

export class TerminalService {
	readonly #terminals = new Map<string, Terminal>();
	/** Released terminals keep their final output for the tool call that shows it (bounded). */
	readonly #released = new Map<string, Terminal>();
	readonly #onOutput: (sessionId: string, terminalId: string) => void;

	constructor(onOutput: (sessionId: string, terminalId: string) => void) {
		this.#onOutput = onOutput;
	}

	create(request: {readonly sessionId: string; readonly command: string; readonly args?: readonly string[]; readonly env?: ReadonlyArray<{readonly name: string; readonly value: string}>; readonly cwd?: string | null; readonly outputByteLimit?: number | null}, sessionCwd: string): string {
		const id = `term-${randomUUID().slice(0, 8)}`;
		const extra = Object.fromEntries((request.env ?? []).map(variable => [variable.name, variable.value]));
		const child = execa(request.command, [...(request.args ?? [])], {
			cwd: request.cwd ?? sessionCwd,
			env: agentEnvironment(process.env, extra),
			extendEnv: false,
			buffer: false,
			reject: false,
			all: true,
			stdin: 'ignore',
			killDescendants: true,
			forceKillAfterDelay: 2000,
		});
		const terminal: Terminal = {
			id,
			sessionId: request.sessionId,
			limit: request.outputByteLimit ?? defaultLimit,
			output: '',
			outputBytes: 0,
			truncated: false,
			exited: child.then(result => {
				const exit: TerminalExit = result.signal ? {exitCode: null, signal: result.signal} : {exitCode: result.exitCode ?? null, signal: null};
				if (result.failed && result.exitCode === undefined && !result.signal) {
					this.#append(terminal, `${result.shortMessage}\n`);
					terminal.exit = {exitCode: 127, signal: null};
					return terminal.exit;
				}
				terminal.exit = exit;
				return exit;
			}),
			kill() {
				child.kill('SIGTERM');
			},
		};
		child.all?.setEncoding('utf8');
		child.all?.on('data', (chunk: string) => {
			this.#append(terminal, chunk);
		});
		this.#terminals.set(id, terminal);
		void terminal.exited.then(() => {
			this.#onOutput(terminal.sessionId, id);
		});
		return id;
	}

	#append(terminal: Terminal, chunk: string): void {
		// Appends are O(chunk): the buffer may grow to twice the limit before it is cut back, and readers see the
		// last `limit` bytes (a chatty command must not re-encode a megabyte per chunk).
		terminal.output += chunk;
		terminal.outputBytes += Buffer.byteLength(chunk);
		if (terminal.outputBytes > 2 * terminal.limit) {
			const kept = truncateStart(terminal.output, terminal.limit);
			terminal.output = kept.text;
			terminal.outputBytes = kept.bytes;
			terminal.truncated = true;
		}
		this.#onOutput(terminal.sessionId, terminal.id);
	}

	#get(sessionId: string, terminalId: string): Terminal {
		const terminal = this.#terminals.get(terminalId);
		if (!terminal || terminal.sessionId !== sessionId) throw new HostError('invalid', `unknown terminal: ${terminalId}`);
		return terminal;
	}

	/** Current output, also for rendering live output in the tool call that embeds the terminal. */
	peek(terminalId: string): {readonly output: string; readonly truncated: boolean; readonly exit?: TerminalExit} | undefined {
		const terminal = this.#terminals.get(terminalId) ?? this.#released.get(terminalId);
		return terminal && {...visibleOutput(terminal), exit: terminal.exit};
	}

	output(sessionId: string, terminalId: string): {readonly output: string; readonly truncated: boolean; readonly exitStatus?: TerminalExit | null} {
		const terminal = this.#get(sessionId, terminalId);
		return {...visibleOutput(terminal), exitStatus: terminal.exit ?? null};
	}

	async waitForExit(sessionId: string, terminalId: string): Promise<TerminalExit> {
		return this.#get(sessionId, terminalId).exited;
	}

	kill(sessionId: string, terminalId: string): void {
		this.#get(sessionId, terminalId).kill();
	}

	release(sessionId: string, terminalId: string): void {
		const terminal = this.#get(sessionId, terminalId);
		terminal.kill();
		this.#terminals.delete(terminalId);
		this.#released.set(terminalId, terminal);
		if (this.#released.size > 200) this.#released.delete(this.#released.keys().next().value!);
	}

	/** Kill every terminal (of one session, or all) — on session end and agent exit. */
	killAll(sessionId?: string): void {
		for (const terminal of this.#terminals.values()) {
			if (sessionId === undefined || terminal.sessionId === sessionId) {
				terminal.kill();
				this.#terminals.delete(terminal.id);
			}
		}
	}
}
