/**
One transcript entry → styled lines (ANSI SGR strings), each at most `width` cells (issue 4 part 3, DESIGN §6).
Pure and deterministic so `layout-transcript.ts` can cache the result per (entry object, width, options).
Blocks (prompts, agent text, thoughts, tool calls, plans) start with a blank line; one-line notices don't.
*/
import type {TranscriptEntry} from '../../model/types.js';
import {painter, theme, type Painter} from '../theme.js';
import {renderMarkdown} from './markdown.js';
import {renderToolCall} from './render-tool-call.js';
import {cells, fit, formatDuration, rule, sanitize, truncate, wrapLine, wrapText} from './text.js';

export type RenderOptions = {
	/** Show thoughts in full instead of folded to one line. */
	readonly expandThoughts?: boolean;
	/** The key shown in the agent-stopped notice (DESIGN §6: "the restart key in each pane"). */
	readonly restartKey?: string;
	/** Emit SGR colour codes (default true). */
	readonly color?: boolean;
};

export const defaultRestartKey = 'C-b R';

const gutter = '  ';

export function renderEntry(entry: TranscriptEntry, width: number, options: RenderOptions = {}): readonly string[] {
	const w = Math.max(1, Math.floor(width));
	// Safety net: every renderer wraps or truncates itself, but a line over the width would break the pane grid.
	return renderLines(entry, w, options).map(line => fit(line, w));
}

function renderLines(entry: TranscriptEntry, w: number, options: RenderOptions): readonly string[] {
	const p = painter(options.color ?? true);
	switch (entry.kind) {
		case 'prompt': {
			const style = entry.replayed ? {color: theme.text.dim} : {color: theme.transcript.prompt, bold: true};
			const text = p(sanitize(entry.text), entry.replayed ? {color: theme.text.dim} : {});
			return ['', ...wrapText(text, w, p('❯ ', style), gutter)];
		}

		case 'agent-text': {
			return ['', ...renderMarkdown(sanitize(entry.text), w, p, gutter)];
		}

		case 'thought': {
			return ['', ...renderThought(sanitize(entry.text), w, p, options.expandThoughts ?? false)];
		}

		case 'tool-call': {
			return renderToolCall(entry, w, p);
		}

		case 'plan': {
			return ['', ...renderPlan(entry.entries, w, p)];
		}

		case 'turn-end': {
			const warn = entry.stopReason !== 'end_turn';
			const color = entry.stopReason === 'cancelled' || !warn ? (warn ? theme.status.warning : theme.text.dim) : theme.status.error;
			const label = ` ${sanitize(entry.stopReason)} · ${formatDuration(entry.ms)} `;
			const line = `──${label}${rule('─', w - 2 - cells(label))}`;
			return [truncate(p(line, {color}), w)];
		}

		case 'interrupted': {
			const reason = sanitize(entry.reason).trim();
			const text = `⚠ turn interrupted: the agent stopped; the prompt was not re-sent${reason === '' ? '' : ` (${reason})`}`;
			return wrapLine(p(text, {color: theme.status.warning}), w, '', gutter);
		}

		case 'error': {
			return wrapText(p(sanitize(entry.message), {color: theme.status.error}), w, p('✗ error: ', {color: theme.status.error, bold: true}), gutter);
		}

		case 'notice': {
			const color = entry.severity === 'error' ? theme.status.error : (entry.severity === 'warning' ? theme.status.warning : theme.status.info);
			const icon = entry.severity === 'error' ? '✗' : (entry.severity === 'warning' ? '⚠' : 'ℹ');
			const description = entry.description === undefined ? '' : `: ${sanitize(entry.description)}`;
			return wrapText(`${p(sanitize(entry.title), {color, bold: true})}${description}`, w, p(`${icon} `, {color}), gutter);
		}

		case 'agent-stopped': {
			const reason = sanitize(entry.reason).trim();
			const key = options.restartKey ?? defaultRestartKey;
			const text = `■ agent stopped${reason === '' ? '' : ` (${reason})`} — press ${key} to restart`;
			return ['', ...wrapLine(p(text, {color: theme.status.stopped, bold: true}), w, '', gutter)];
		}

		case 'history-divider': {
			const label = ` ${sanitize(entry.text).replaceAll('\n', ' ')} `;
			const side = Math.max(2, Math.floor((w - cells(label)) / 2));
			return [truncate(p(`${rule('─', side)}${label}${rule('─', w - side - cells(label))}`, {color: theme.transcript.divider}), w)];
		}

		case 'raw': {
			return [truncate(p(rawLine(entry.update), {color: theme.text.dim}), w)];
		}

		default: {
			// A newer host may send kinds this client does not know: show them compactly, never crash.
			const unknown = entry as {readonly kind?: unknown};
			return [truncate(p(`? ${String(unknown.kind)} ${compactJson(entry)}`, {color: theme.text.dim}), w)];
		}
	}
}

function renderThought(text: string, width: number, p: Painter, expand: boolean): string[] {
	const style = {color: theme.transcript.thought, italic: true};
	const trimmed = text.trim();
	const sourceLines = trimmed === '' ? 0 : trimmed.split('\n').length;
	if (expand) {
		return [
			truncate(p('✻ thinking', {color: theme.transcript.thought}), width),
			...wrapText(p(trimmed, style), width, gutter, gutter),
		];
	}

	const words = trimmed.replaceAll(/\s+/g, ' ');
	const count = ` (${sourceLines} ${sourceLines === 1 ? 'line' : 'lines'})`;
	const head = '✻ thinking: ';
	const room = width - cells(head) - cells(count);
	const preview = room <= 1 ? '' : (cells(words) > room ? truncate(words, room) : words);
	return [truncate(p(`${head}${preview}${count}`, {color: theme.transcript.thought}), width)];
}

const planMarks = {pending: '☐', in_progress: '◐', completed: '☑'} as const;

function renderPlan(entries: ReadonlyArray<{readonly content: string; readonly priority: string; readonly status: string}>, width: number, p: Painter): string[] {
	const out = [truncate(p('Plan', {bold: true, color: theme.text.accent}), width)];
	for (const item of entries) {
		const mark = planMarks[item.status as keyof typeof planMarks] ?? '☐';
		const done = item.status === 'completed';
		const active = item.status === 'in_progress';
		const markStyle = {color: done ? theme.status.success : (active ? theme.status.running : theme.text.dim)};
		const body = p(sanitize(item.content), done ? {color: theme.text.dim} : (active ? {bold: true} : {}));
		const priority = p(` (${sanitize(item.priority)})`, {color: item.priority === 'high' ? theme.status.error : theme.text.dim});
		out.push(...wrapLine(`${body}${priority}`, width, `${gutter}${p(`${mark} `, markStyle)}`, `${gutter}  `));
	}

	return out;
}

function compactJson(value: unknown): string {
	try {
		return sanitize(JSON.stringify(value) ?? String(value));
	} catch {
		return '[unserializable]';
	}
}

function rawLine(update: unknown): string {
	const kind = typeof update === 'object' && update !== null && 'sessionUpdate' in update ? String((update as {sessionUpdate: unknown}).sessionUpdate) : 'raw';
	return `? ${sanitize(kind)} ${compactJson(update)}`;
}
