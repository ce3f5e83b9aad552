/**
`agents logs ID --follow` (issue 5.4): print what a live session writes, from the start of its log, until
its `session-end` record. Polls the file from the offset after the last full line: a partial line (the
writer mid-append) is left for the next round, so nothing is printed torn.
*/
import {readLogLines, type LogLine} from './session-log-reader.js';

export type FollowOptions = {
	/** Called for every full line in order; returning false stops following. */
	readonly onLine: (line: LogLine) => boolean | Promise<boolean>;
	/** Called after each batch of lines (flush output there). */
	readonly onBatch?: () => boolean | Promise<boolean>;
	readonly signal?: AbortSignal;
	readonly pollMs?: number;
};

export type FollowResult = {readonly reason: 'session-end' | 'stopped' | 'aborted'};

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(done, ms);
		function done(): void {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}

		signal?.addEventListener('abort', done, {once: true});
	});
}

export async function followLog(path: string, options: FollowOptions): Promise<FollowResult> {
	let offset = 0;
	for (;;) {
		if (options.signal?.aborted) return {reason: 'aborted'};
		const lines = readLogLines(path, offset);
		let ended = false;
		for (;;) {
			const next = await lines.next();
			if (next.done) {
				offset = next.value.end;
				break;
			}

			if (!(await options.onLine(next.value))) {
				await lines.return({end: next.value.end, partial: false});
				return {reason: 'stopped'};
			}

			if (next.value.record?.type === 'session-end') {
				ended = true;
				await lines.return({end: next.value.end, partial: false});
				break;
			}
		}

		if (options.onBatch && !(await options.onBatch())) return {reason: 'stopped'};
		if (ended) return {reason: 'session-end'};
		await sleep(options.pollMs ?? 100, options.signal);
	}
}
