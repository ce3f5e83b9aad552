/**
`agents logs --grep RE` (issue 5.5): search the rendered text of logs (so a phrase split across streamed
chunks still matches) and report each hit with host, session, turn and the matching line.
*/
import {createLogRenderer} from './log-render.js';
import {readLogRecords, resolveSideFiles, type ReadStats} from './session-log-reader.js';
import type {LogFile} from './log-index.js';

export type GrepHit = {readonly hostId: string; readonly sessionId: string; readonly path: string; readonly turn: number; readonly line: string};

const turnSeparator = /^──── turn (\d+) · /;

/** Search one log; `onHit` returning false stops the search. Returns the reader's stats. */
export async function grepLog(file: LogFile, pattern: RegExp, onHit: (hit: GrepHit) => boolean | Promise<boolean>): Promise<ReadStats | undefined> {
	const renderer = createLogRenderer({full: true, color: false});
	let turn = 0;
	let sessionId = file.sessionId;
	const check = async (lines: readonly string[]): Promise<boolean> => {
		for (const line of lines) {
			const separator = turnSeparator.exec(line);
			if (separator) turn = Number(separator[1]);
			pattern.lastIndex = 0;
			if (pattern.test(line) && !(await onHit({hostId: file.hostId, sessionId, path: file.path, turn, line: line.trim()}))) return false;
		}

		return true;
	};

	const iterator = readLogRecords(file.path, {resolveSideFiles: false});
	for (;;) {
		const next = await iterator.next();
		if (next.done) {
			await check(renderer.end());
			return next.value;
		}

		sessionId = next.value.session ?? sessionId;
		if (!(await check(renderer.push(await resolveSideFiles(file.path, next.value))))) {
			await iterator.return({records: 0, skippedCorrupt: 0, skippedPartial: 0});
			return undefined;
		}
	}
}
