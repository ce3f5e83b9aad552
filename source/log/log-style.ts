/**
Small text helpers for the log renderer: SGR colors (only when the output is a terminal and NO_COLOR is
unset, issue 5.2), time formatting, content-block and diff rendering.
*/
import type {ContentBlock} from '../model/acp-types.js';

export type Paint = {
	readonly dim: (text: string) => string;
	readonly bold: (text: string) => string;
	readonly red: (text: string) => string;
	readonly green: (text: string) => string;
	readonly yellow: (text: string) => string;
	readonly cyan: (text: string) => string;
	readonly magenta: (text: string) => string;
};

function sgr(open: number, close: number): (text: string) => string {
	return text => (text === '' ? text : `\u001B[${open}m${text}\u001B[${close}m`);
}

const plain = (text: string): string => text;

export function createPaint(color: boolean): Paint {
	if (!color) return {dim: plain, bold: plain, red: plain, green: plain, yellow: plain, cyan: plain, magenta: plain};
	return {dim: sgr(2, 22), bold: sgr(1, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), magenta: sgr(35, 39)};
}

/** https://no-color.org: set and non-empty disables color. */
export function wantsColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
	return stream.isTTY === true && !env['NO_COLOR'];
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** Local `YYYY-MM-DD HH:MM:SS` (the reader's clock, like `ls -l`); the raw ISO stays in `--json`. */
export function formatDateTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatTime(iso)}`;
}

export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms)) return '?';
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
	return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GiB`;
}

/** Text of a content block; non-text blocks become a short bracketed label. */
export function blockText(block: unknown): string {
	const value = block as Partial<ContentBlock> & Record<string, unknown>;
	if (!value || typeof value !== 'object') return '';
	switch (value.type) {
		case 'text':
			return typeof value['text'] === 'string' ? value['text'] : '';
		case 'image':
		case 'audio':
			return `[${value.type} ${String(value['mimeType'] ?? '')}]`;
		case 'resource_link':
			return `[link ${String(value['name'] ?? '')} ${String(value['uri'] ?? '')}]`;
		case 'resource': {
			const resource = value['resource'] as {uri?: string} | undefined;
			return `[resource ${resource?.uri ?? ''}]`;
		}

		default:
			return `[${String(value.type ?? 'content')}]`;
	}
}

export function indent(text: string, prefix: string): string[] {
	return text.split('\n').map(line => prefix + line);
}

export function oneLine(text: string, max = 80): string {
	const flat = text.replaceAll(/\s+/g, ' ').trim();
	return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Line counts of a diff as `(+a −r)`: the middle that differs after trimming common head and tail lines. */
export function diffLines(oldText: string | null | undefined, newText: string): {removed: string[]; added: string[]; before: string[]; after: string[]} {
	const oldLines = oldText ? oldText.split('\n') : [];
	const newLines = newText.split('\n');
	let head = 0;
	while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
	let tail = 0;
	while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail++;
	return {
		before: oldLines.slice(Math.max(0, head - 2), head),
		removed: oldLines.slice(head, oldLines.length - tail),
		added: newLines.slice(head, newLines.length - tail),
		after: newLines.slice(newLines.length - tail, Math.min(newLines.length, newLines.length - tail + 2)),
	};
}
