/**
Tool call entries: one header line (status icon, kind, title, `path:line` locations), then the content — the
command of execute kinds, colored unified diffs, text output cut to a few lines, embedded terminals with their
live output (the host folds terminal output into the tool call content as text, DESIGN §4.6), and the inline
permission prompt with its keys or its resolution (DESIGN §4.5).
*/
import type {ContentBlock, ToolCallContent, ToolCallStatus} from '../../model/acp-types.js';
import type {TranscriptEntry} from '../../model/types.js';
import {theme, type Painter} from '../theme.js';
import {diffLines, toHunks} from './line-diff.js';
import {cells, sanitize, truncate, wrapLine, wrapText} from './text.js';

type ToolCallEntry = Extract<TranscriptEntry, {kind: 'tool-call'}>;

const gutter = '  ';
/** Text output is cut to this many lines (head), terminal output to its last lines (tail). */
export const maxOutputLines = 5;
export const maxTerminalLines = 8;
export const maxDiffLines = 40;

const statusIcons: Readonly<Record<ToolCallStatus, {readonly icon: string; readonly color: string}>> = {
	pending: {icon: '○', color: theme.text.dim},
	in_progress: {icon: '◐', color: theme.status.running},
	completed: {icon: '✓', color: theme.status.success},
	failed: {icon: '✗', color: theme.status.error},
};

export function renderToolCall(entry: ToolCallEntry, width: number, p: Painter): string[] {
	const out: string[] = [''];
	const status = statusIcons[entry.status] ?? statusIcons.pending;
	const locations = entry.locations.map(location => (location.line === undefined || location.line === null ? location.path : `${location.path}:${location.line}`));
	const shownLocations = locations.length > 3 ? [...locations.slice(0, 3), `+${locations.length - 3}`] : locations;
	const header = [
		p(status.icon, {color: status.color}),
		entry.toolKind === 'other' ? '' : p(entry.toolKind, {color: theme.transcript.toolKind}),
		p(sanitize(entry.title).replaceAll('\n', ' '), {bold: true}),
		shownLocations.length > 0 ? p(shownLocations.join(', '), {color: theme.transcript.location}) : '',
	].filter(part => part !== '').join(' ');
	out.push(truncate(header, width));

	const command = entry.toolKind === 'execute' ? commandOf(entry.rawInput) : undefined;
	if (command !== undefined) {
		out.push(...wrapText(p(sanitize(command), {color: theme.text.secondary}), width, `${gutter}${p('$ ', {color: theme.text.accent})}`, `${gutter}  `));
	}

	let afterTerminal = false;
	for (const item of entry.content) {
		if (item.type === 'terminal') {
			afterTerminal = true;
		}

		out.push(...renderContent(item, width, p, afterTerminal));
	}

	if (entry.permission) {
		out.push(...renderPermission(entry.permission, width, p));
	}

	return out;
}

function commandOf(rawInput: unknown): string | undefined {
	if (typeof rawInput === 'string') {
		return rawInput;
	}

	if (typeof rawInput !== 'object' || rawInput === null) {
		return undefined;
	}

	const input = rawInput as Record<string, unknown>;
	const command = input.command ?? input.cmd;
	const args = Array.isArray(input.args) ? input.args.map(String) : [];
	if (typeof command === 'string') {
		return [command, ...args].join(' ');
	}

	if (Array.isArray(command)) {
		return [...command.map(String), ...args].join(' ');
	}

	return undefined;
}

function renderContent(item: ToolCallContent, width: number, p: Painter, afterTerminal: boolean): string[] {
	switch (item.type) {
		case 'terminal': {
			return [truncate(`${gutter}${p(`▸ terminal ${sanitize(item.terminalId)}`, {color: theme.text.dim})}`, width)];
		}

		case 'diff': {
			return renderDiff(item.path, item.oldText ?? undefined, item.newText, width, p);
		}

		case 'content': {
			return renderBlock(item.content, width, p, afterTerminal);
		}

		default: {
			return [truncate(`${gutter}${p(JSON.stringify(item), {dim: true})}`, width)];
		}
	}
}

function renderBlock(block: ContentBlock, width: number, p: Painter, tail: boolean): string[] {
	if (block.type !== 'text') {
		const label = block.type === 'resource_link'
			? `[link ${block.name} ${block.uri}]`
			: (block.type === 'resource' ? `[resource ${block.resource.uri}]` : `[${block.type} ${'mimeType' in block ? block.mimeType : ''}]`);
		return [truncate(`${gutter}${p(sanitize(label), {color: theme.text.dim})}`, width)];
	}

	const text = sanitize(block.text).replace(/\n+$/, '');
	if (text === '') {
		return [];
	}

	const lines = wrapText(text, width, `${gutter}${p('│ ', {color: theme.text.dim})}`, `${gutter}${p('│ ', {color: theme.text.dim})}`, true);
	const limit = tail ? maxTerminalLines : maxOutputLines;
	if (lines.length <= limit) {
		return lines;
	}

	const more = p(`… ${lines.length - limit} ${tail ? 'earlier' : 'more'} lines`, {color: theme.text.dim});
	return tail ? [`${gutter}${more}`, ...lines.slice(-limit)] : [...lines.slice(0, limit), `${gutter}${more}`];
}

function renderDiff(path: string, oldText: string | undefined, newText: string, width: number, p: Painter): string[] {
	const ops = diffLines(oldText ?? '', newText);
	const added = ops.filter(op => op.type === 'add').length;
	const removed = ops.filter(op => op.type === 'remove').length;
	const summary = [
		p(sanitize(path), {bold: true}),
		oldText === undefined ? p('new file', {color: theme.diff.added}) : '',
		p(`+${added}`, {color: theme.diff.added}),
		p(`-${removed}`, {color: theme.diff.removed}),
	].filter(part => part !== '').join(' ');
	const out = [truncate(`${gutter}${summary}`, width)];
	const body: string[] = [];
	for (const hunk of toHunks(ops)) {
		body.push(truncate(`${gutter}${p(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, {color: theme.diff.hunk})}`, width));
		for (const op of hunk.ops) {
			const text = sanitize(op.text);
			if (op.type === 'add') {
				body.push(...wrapLine(p(text, {color: theme.diff.added}), width, `${gutter}${p('+', {color: theme.diff.added})}`, `${gutter}${p('+', {color: theme.diff.added})}`, true));
			} else if (op.type === 'remove') {
				body.push(...wrapLine(p(text, {color: theme.diff.removed}), width, `${gutter}${p('-', {color: theme.diff.removed})}`, `${gutter}${p('-', {color: theme.diff.removed})}`, true));
			} else {
				body.push(...wrapLine(p(text, {color: theme.diff.context}), width, `${gutter} `, `${gutter} `, true));
			}
		}
	}

	if (body.length > maxDiffLines) {
		return [...out, ...body.slice(0, maxDiffLines), `${gutter}${p(`… ${body.length - maxDiffLines} more diff lines`, {color: theme.text.dim})}`];
	}

	return [...out, ...body];
}

function renderPermission(permission: NonNullable<ToolCallEntry['permission']>, width: number, p: Painter): string[] {
	const {resolution} = permission;
	if (resolution === undefined) {
		const out = [truncate(`${gutter}${p('⚠ permission requested', {color: theme.transcript.permission, bold: true})}`, width)];
		const keys = permission.options.map((option, index) => {
			const color = option.kind.startsWith('allow') ? theme.transcript.allow : theme.transcript.reject;
			return `${p(`[${index + 1}]`, {bold: true})} ${p(sanitize(option.name), {color})}`;
		});
		// Lay the keys out on as few lines as fit, two spaces apart; a key never splits across lines.
		let line = '';
		for (const key of keys) {
			const candidate = line === '' ? key : `${line}  ${key}`;
			if (line !== '' && cells(gutter) + cells(candidate) > width) {
				out.push(truncate(`${gutter}${line}`, width));
				line = key;
			} else {
				line = candidate;
			}
		}

		if (line !== '') {
			out.push(truncate(`${gutter}${line}`, width));
		}

		return out;
	}

	const by = sanitize(resolution.by);
	if (resolution.outcome.outcome === 'cancelled') {
		return [truncate(`${gutter}${p(`⊘ permission cancelled${by === 'host' ? '' : ` by ${by}`}`, {color: theme.status.warning})}`, width)];
	}

	const {optionId} = resolution.outcome;
	const option = permission.options.find(candidate => candidate.optionId === optionId);
	if (option === undefined) {
		return [truncate(`${gutter}${p(`✓ answered by ${by} · ${sanitize(optionId)}`, {color: theme.text.dim})}`, width)];
	}

	const name = ` · ${sanitize(option.name)}`;
	const allowed = option.kind.startsWith('allow');
	const text = allowed ? `✓ allowed by ${by}${name}` : `✗ rejected by ${by}${name}`;
	return [truncate(`${gutter}${p(text, {color: allowed ? theme.transcript.allow : theme.transcript.reject})}`, width)];
}
