/**
Where `agents logs` output goes (issue 5.3): through `$PAGER` when stdout is a terminal (default `less`
with `LESS=FRX` unless the user set `LESS`, as git does), plain to stdout otherwise. Writes are buffered
and respect back-pressure; once the reader goes away (pager quit, `head` closed the pipe) writes report
false so the caller stops reading the log.
*/
import {spawn} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {basename, delimiter, join} from 'node:path';

export type OutputSink = {
	/** Queue text; false once the reader has gone away (stop producing). */
	write(text: string): Promise<boolean>;
	/** Push buffered text out now (follow mode, end of a batch). */
	flush(): Promise<boolean>;
	/** Flush, close, and return the exit code (the pager's own when there is one). */
	finish(): Promise<number>;
};

export type OutputStream = NodeJS.WritableStream & {isTTY?: boolean; destroyed?: boolean; fd?: number};

const bufferBytes = 16 * 1024;

function gone(stream: OutputStream): boolean {
	return stream.destroyed === true || (stream as {writableEnded?: boolean}).writableEnded === true;
}

function waitDrain(stream: OutputStream): Promise<void> {
	return new Promise(resolve => {
		const done = (): void => {
			stream.off('drain', done);
			stream.off('close', done);
			stream.off('error', done);
			resolve();
		};

		stream.on('drain', done);
		stream.on('close', done);
		stream.on('error', done);
	});
}

/** A buffered sink over a writable stream. `end` closes it at finish (a pager's stdin); stdout is left open. */
export function streamSink(stream: OutputStream, options: {end?: boolean; exitCode?: () => Promise<number>} = {}): OutputSink {
	let buffer = '';
	let closed = false;
	let scheduled: NodeJS.Immediate | undefined;
	// EPIPE from a reader that went away is the normal end of paging, not a failure.
	const onError = (): void => {
		closed = true;
	};

	stream.on('error', onError);
	const flush = async (): Promise<boolean> => {
		if (scheduled) {
			clearImmediate(scheduled);
			scheduled = undefined;
		}

		if (closed || gone(stream)) {
			closed = true;
			return false;
		}

		if (buffer === '') return true;
		const chunk = buffer;
		buffer = '';
		if (!stream.write(chunk)) await waitDrain(stream);
		if (gone(stream)) closed = true;
		return !closed;
	};

	return {
		async write(text) {
			if (closed) return false;
			buffer += text;
			if (buffer.length >= bufferBytes) return flush();
			// Small outputs (a follower's trickle) still go out promptly, between file reads.
			scheduled ??= setImmediate(() => {
				scheduled = undefined;
				void flush();
			});
			return true;
		},
		flush,
		async finish() {
			await flush();
			if (options.end && !gone(stream)) stream.end();
			const code = options.exitCode ? await options.exitCode() : 0;
			stream.off('error', onError);
			return code;
		},
	};
}

/** The first word of a command line when it names an executable we can find; undefined otherwise. */
export function findExecutable(commandLine: string, env: NodeJS.ProcessEnv): string | undefined {
	const program = commandLine.trim().split(/\s+/)[0];
	if (!program) return undefined;
	const candidates = program.includes('/') ? [program] : (env['PATH'] ?? '').split(delimiter).filter(Boolean).map(directory => join(directory, program));
	for (const candidate of candidates) {
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {}
	}

	return undefined;
}

export type PagerChoice = {readonly kind: 'pager'; readonly command: string} | {readonly kind: 'print'; readonly note?: string};

export function choosePager(env: NodeJS.ProcessEnv): PagerChoice {
	const command = env['PAGER']?.trim() || 'less';
	if (command === 'cat') return {kind: 'print'};
	if (!findExecutable(command, env)) return {kind: 'print', note: `pager "${command}" not found, printing instead`};
	return {kind: 'pager', command};
}

/** Arguments that open the pager at the first match of `pattern` (less and more understand `+/pattern`). */
export function searchArguments(command: string, pattern: string | undefined): string[] {
	if (pattern === undefined) return [];
	const program = basename(command.trim().split(/\s+/)[0] ?? '');
	return program === 'less' || program === 'more' ? [`+/${pattern}`] : [];
}

/**
Start `command` through `sh -c` (PAGER may carry arguments, e.g. `less -S`) with extra `args`, its stdin
fed by the returned sink and its stdout going to `stdout` (inherited when it is a real terminal fd).
*/
export function pagerSink(command: string, args: readonly string[], options: {env: NodeJS.ProcessEnv; stdout: OutputStream; stderr: NodeJS.WritableStream}): OutputSink {
	const env = {...options.env};
	if (env['LESS'] === undefined) env['LESS'] = 'FRX';
	const realFd = typeof options.stdout.fd === 'number' && options.stdout.isTTY === true;
	const child = spawn('/bin/sh', ['-c', `${command} "$@"`, command, ...args], {
		env,
		stdio: ['pipe', realFd ? options.stdout.fd! : 'pipe', 'inherit'],
	});
	if (!realFd) child.stdout?.pipe(options.stdout, {end: false});
	const exited = new Promise<number>(resolve => {
		child.on('error', error => {
			options.stderr.write(`agents logs: pager failed: ${error.message}\n`);
			resolve(1);
		});
		child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGPIPE' ? 13 : 1) : 1)));
	});
	return streamSink(child.stdin!, {end: true, exitCode: async () => exited});
}
