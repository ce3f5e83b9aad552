/**
Streaming one or more logs into an output sink, rendered or raw (issue 5.2, 5.4, 5.7), and the listing
table. Reading stops as soon as the sink reports that its reader went away.
*/
import type {LogSummary} from './log-index.js';
import type {OutputSink} from './pager.js';
import {createLogRenderer, type LogRenderer} from './log-render.js';
import {readLogLines, resolveSideFiles, type LogLine, type ReadStats} from './session-log-reader.js';
import {formatBytes, formatDateTime, oneLine} from './log-style.js';

export type ViewOptions = {readonly json?: boolean; readonly full?: boolean; readonly color?: boolean};

/** What the reader skipped, as one stderr line (issue 5.7); undefined when nothing was skipped. */
export function skippedNote(path: string, stats: ReadStats): string | undefined {
	const parts: string[] = [];
	if (stats.skippedCorrupt > 0) parts.push(`${stats.skippedCorrupt} unparsable line${stats.skippedCorrupt === 1 ? '' : 's'}`);
	if (stats.skippedPartial > 0) parts.push('a partial last line');
	return parts.length > 0 ? `agents logs: ${path}: skipped ${parts.join(' and ')}` : undefined;
}

/** Turns lines of one log into output: raw JSONL (`--json`) or rendered text. */
export function createLineHandler(path: string, sink: OutputSink, options: ViewOptions): {line(line: LogLine): Promise<boolean>; end(): Promise<boolean>; stats(): ReadStats} {
	let records = 0;
	let skippedCorrupt = 0;
	const renderer: LogRenderer | undefined = options.json ? undefined : createLogRenderer({full: options.full, color: options.color});
	const emit = async (lines: readonly string[]): Promise<boolean> => (lines.length === 0 ? true : sink.write(lines.join('\n') + '\n'));
	return {
		async line(line) {
			if (!line.record) {
				skippedCorrupt++;
				return true;
			}

			records++;
			// Raw mode prints the line as written (side-file references stay references: valid for jq).
			if (!renderer) return sink.write(line.text + '\n');
			return emit(renderer.push(await resolveSideFiles(path, line.record)));
		},
		async end() {
			return renderer ? emit(renderer.end()) : true;
		},
		stats: () => ({records, skippedCorrupt, skippedPartial: 0}),
	};
}

/** Write each log in turn; returns the per-file stats of the files read completely, or false if the sink closed. */
export async function writeLogs(paths: readonly string[], sink: OutputSink, options: ViewOptions, onStats: (path: string, stats: ReadStats) => void): Promise<boolean> {
	for (const [index, path] of paths.entries()) {
		if (index > 0 && !options.json && !(await sink.write('\n'))) return false;
		const handler = createLineHandler(path, sink, options);
		const lines = readLogLines(path);
		for (;;) {
			const next = await lines.next();
			if (next.done) {
				if (!(await handler.end())) return false;
				onStats(path, {...handler.stats(), skippedPartial: next.value.partial ? 1 : 0});
				break;
			}

			if (!(await handler.line(next.value))) {
				await lines.return({end: 0, partial: false});
				return false;
			}
		}
	}

	return true;
}

function pad(text: string, width: number): string {
	return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The `agents logs` table (issue 5.1): newest first. */
export function formatLogTable(summaries: readonly LogSummary[]): string {
	const rows = summaries.map(summary => [
		formatDateTime(summary.created),
		summary.hostId,
		summary.sessionId,
		oneLine(summary.title ?? summary.firstPrompt ?? '', 40),
		String(summary.turns),
		formatBytes(summary.size),
		summary.ended,
	]);
	const headings = ['STARTED', 'HOST', 'SESSION', 'TITLE', 'TURNS', 'SIZE', 'ENDED'];
	const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map(row => row[column]!.length)));
	return [headings, ...rows].map(row => row.map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column]!))).join('  ')).join('\n') + '\n';
}

export function summaryJson(summary: LogSummary): Record<string, unknown> {
	return {
		started: summary.created,
		host: summary.hostId,
		session: summary.sessionId,
		title: summary.title ?? null,
		firstPrompt: summary.firstPrompt ?? null,
		agent: summary.agent ?? null,
		cwd: summary.cwd ?? null,
		turns: summary.turns,
		bytes: summary.size,
		ended: summary.ended,
		path: summary.path,
		skippedCorrupt: summary.stats.skippedCorrupt,
		skippedPartial: summary.stats.skippedPartial,
	};
}
