/**
What every command gets and how it fails (DESIGN §8): output streams and the environment are passed in so
commands stay testable, and a failure is ONE line on stderr with exit code 1 (usage errors: 2).
*/
export type CommandIo = {
	readonly stdout: NodeJS.WritableStream & {readonly isTTY?: boolean};
	readonly stderr: NodeJS.WritableStream;
	readonly stdin: NodeJS.ReadableStream & {readonly isTTY?: boolean};
	readonly env: NodeJS.ProcessEnv;
};

export function processIo(): CommandIo {
	return {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env};
}

/** An expected failure with the exit code it maps to (1 failure, 2 usage, 3–5 `send --wait` outcomes). */
export class CliError extends Error {
	readonly exitCode: number;

	constructor(message: string, exitCode = 1) {
		super(message);
		this.name = 'CliError';
		this.exitCode = exitCode;
	}
}

/** Collapse a (possibly multi-line) error message into the one stderr line DESIGN §8 asks for. */
export function oneLine(message: string): string {
	return message
		.split('\n')
		.map(part => part.trim())
		.filter(Boolean)
		.join(' ');
}

export function errorMessage(error: unknown): string {
	if (error instanceof Error) return oneLine(error.message || error.name);
	return oneLine(String(error));
}

/** Print `agents: <message>` and return the exit code for `error`. */
export function reportError(io: CommandIo, error: unknown): number {
	io.stderr.write(`agents: ${errorMessage(error)}\n`);
	return error instanceof CliError ? error.exitCode : 1;
}

/** Write a line to stdout, resolving once it is flushed (so `process.exit` right after loses nothing). */
export async function writeOut(io: CommandIo, text: string): Promise<void> {
	await new Promise<void>(resolve => {
		io.stdout.write(text, () => resolve());
	});
}
