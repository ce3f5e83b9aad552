/**
The rows of a pane's transcript viewport as styled strings, exactly `height` rows of at most `width` cells: only
the visible lines are laid out (DESIGN §6), a "↓ N more lines" marker while scrolled up, search matches highlighted.
Shared by the React view (component tests, `AGENTS_RENDERER=ink`) and the pane transcript layer the TUI draws
outside Ink (source/ui/pane-transcripts.ts, issue 4 performance budget).
*/
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import type {TranscriptEntry} from '../../model/types.js';
import {paint, theme} from '../theme.js';
import {searchMatches, totalLines, visibleLines} from './layout-transcript.js';
import {cells, fit, plain} from './text.js';

export type ViewportRowsOptions = {
	readonly entries: readonly TranscriptEntry[];
	readonly width: number;
	readonly height: number;
	/** Lines above the bottom (0 = follow the tail); clamped here. */
	readonly scrollOffset: number;
	/** `active` indexes `searchMatches(...)` for the same entries, width and query. */
	readonly search?: {readonly query: string; readonly active: number};
	readonly expandThoughts?: boolean;
	readonly restartKey?: string;
	readonly color?: boolean;
};

/** The exact rows the view shows (exported for tests and for callers that render rows themselves). */
export function buildRows(props: ViewportRowsOptions): readonly string[] {
	const w = Math.max(1, Math.floor(props.width));
	const h = Math.max(0, Math.floor(props.height));
	const options = {expandThoughts: props.expandThoughts, restartKey: props.restartKey, color: props.color};
	const enabled = props.color ?? true;
	const view = visibleLines(props.entries, w, h, props.scrollOffset, options);
	let lines = [...view.lines];
	const query = props.search?.query ?? '';
	if (query !== '' && lines.length > 0) {
		const matches = searchMatches(props.entries, w, query, options);
		const activeLine = matches[props.search?.active ?? -1]?.line;
		const first = totalLines(props.entries, w, options) - view.scrollOffset - lines.length;
		lines = lines.map((line, index) => highlight(line, query, first + index === activeLine, enabled));
	}

	while (lines.length < h) {
		lines.push('');
	}

	if (view.scrollOffset > 0 && h > 0) {
		// A permission prompt below the view must not go unseen while the user reads history (peers.md §3).
		const waiting = permissionPending(props.entries) ? paint(' permission waiting ', {inverse: true, color: theme.status.warning}, enabled) : '';
		const marker = `${waiting}${paint(` ↓ ${view.scrollOffset} more ${view.scrollOffset === 1 ? 'line' : 'lines'} `, {inverse: true, color: theme.text.accent}, enabled)}`;
		const last = lines[h - 1] ?? '';
		const room = Math.max(0, w - cells(marker));
		const left = fit(last, room);
		lines[h - 1] = fit(`${left}${' '.repeat(Math.max(0, room - cells(left)))}${marker}`, w);
	}

	return lines;
}

/** Whether the current turn (entries after the last prompt) holds an unanswered permission prompt. */
function permissionPending(entries: readonly TranscriptEntry[]): boolean {
	for (let index = entries.length - 1; index >= 0; index--) {
		const entry = entries[index]!;
		if (entry.kind === 'prompt') return false;
		if (entry.kind === 'tool-call' && entry.permission !== undefined && entry.permission.resolution === undefined) return true;
	}
	return false;
}

/** Mark every occurrence of `query` in a styled line (inverse; the active match in its own colour). */
export function highlight(line: string, query: string, active: boolean, enabled = true): string {
	const text = plain(line);
	const lower = text.toLowerCase();
	const needle = query.toLowerCase();
	if (needle === '' || !lower.includes(needle)) {
		return line;
	}

	let out = '';
	let column = 0;
	for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
		const start = stringWidth(text.slice(0, at));
		const end = start + stringWidth(text.slice(at, at + needle.length));
		out += sliceAnsi(line, column, start);
		const style = active
			? {inverse: true, bold: true, color: theme.search.active}
			: {inverse: true, color: theme.search.match};
		out += enabled ? paint(text.slice(at, at + needle.length), style, true) : text.slice(at, at + needle.length);
		column = end;
	}

	return out + sliceAnsi(line, column);
}
