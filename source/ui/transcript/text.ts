/**
ANSI-aware string helpers for the line renderer. Widths are terminal cells (string-width), never `.length`: styled
text carries SGR codes and CJK/emoji take two cells (ink-notes conclusion §11; crush's "do not manipulate ANSI strings
at byte level").
*/
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import wrapAnsi from 'wrap-ansi';

const tabSize = 4;

/**
Make untrusted text (agent output, terminal output, file contents) safe to style and measure: escape sequences are
removed (an agent must not move our cursor or retitle the terminal), a `\r` inside a line keeps only what follows it
(progress bars redraw with `\r`), tabs become spaces (slice-ansi counts a tab as zero cells, wrap-ansi as up to 8),
and the remaining C0/C1 controls are dropped.
*/
export function sanitize(text: string): string {
	let clean = stripAnsi(text);
	if (clean.includes('\r')) {
		clean = clean
			.replaceAll('\r\n', '\n')
			.split('\n')
			.map(line => {
				const parts = line.split('\r').filter(part => part !== '');
				return parts.at(-1) ?? '';
			})
			.join('\n');
	}

	if (clean.includes('\t')) {
		clean = clean
			.split('\n')
			.map(line => expandTabs(line))
			.join('\n');
	}

	// C0 controls except \n, DEL, and C1 controls.
	return clean.replaceAll(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '');
}

function expandTabs(line: string): string {
	let out = '';
	let column = 0;
	for (const char of line) {
		if (char === '\t') {
			const spaces = tabSize - (column % tabSize);
			out += ' '.repeat(spaces);
			column += spaces;
		} else {
			out += char;
			column += stringWidth(char);
		}
	}

	return out;
}

/** Visible width in cells. */
export function cells(text: string): number {
	return stringWidth(text);
}

export function plain(text: string): string {
	return stripAnsi(text);
}

/** Cut a styled line to at most `width` cells (open styles are closed by slice-ansi). */
export function fit(line: string, width: number): string {
	if (stringWidth(line) <= width) {
		return line;
	}

	return sliceAnsi(line, 0, Math.max(0, width));
}

/** Cut a styled line to `width` cells, ending with `…` when something was cut. */
export function truncate(line: string, width: number): string {
	if (stringWidth(line) <= width) {
		return line;
	}

	if (width <= 1) {
		return width === 1 ? '…' : '';
	}

	// A wide character at the cut may leave the slice one cell short; the ellipsis still fits.
	const cut = sliceAnsi(line, 0, width - 1).replace(/ +$/, '');
	return `${cut}…`;
}

/**
Wrap one styled line (no `\n`) into lines of at most `width` cells, with a prefix on the first line and another on
the rest (hanging indent for list items, gutters, borders). Prefixes are dropped when the width cannot hold them.
`preserve` keeps whitespace and breaks anywhere (code, terminal output); otherwise words wrap and edges are trimmed.
*/
export function wrapLine(styled: string, width: number, firstPrefix = '', restPrefix = firstPrefix, preserve = false): string[] {
	const safeWidth = Math.max(1, width);
	const prefixWidth = Math.max(stringWidth(firstPrefix), stringWidth(restPrefix));
	if (prefixWidth + 1 > safeWidth) {
		return wrapLine(styled, safeWidth, '', '', preserve);
	}

	const inner = safeWidth - prefixWidth;
	if (stripAnsi(styled) === '') {
		return [fit(firstPrefix, safeWidth).trimEnd()];
	}

	const wrapped = stringWidth(styled) <= inner ? [styled] : (preserve ? undefined : wrapPlainWords(styled, inner)) ?? wrapAnsi(styled, inner, {hard: true, trim: !preserve, wordWrap: !preserve}).split('\n');
	return wrapped.map((line, index) => fit(index === 0 ? `${firstPrefix}${line}` : `${restPrefix}${line}`, safeWidth));
}

const plainWords = /^[!-~]+(?: [!-~]+)*$/;

/** Earlier wraps of growing texts: the rows before the last one never change when text is appended. */
type WrapMemo = {readonly source: string; readonly width: number; readonly done: readonly string[]; readonly lastStart: number};
const wrapMemos: WrapMemo[] = [];
const wrapMemoLimit = 16;

/**
The common case of wrapping, without wrap-ansi's ANSI tokenizing: printable ASCII words separated by single spaces,
none longer than `width`. Greedy, exactly as wrap-ansi wraps such text with `{hard, trim, wordWrap}` (a property test
compares them); undefined for anything else. A streamed paragraph is wrapped again on every frame: this is ~10×
cheaper than wrap-ansi, and a text that only grew since an earlier call is wrapped from the start of its last row,
so a long paragraph costs its new words, not its length (DESIGN §10 client CPU budget).
*/
export function wrapPlainWords(text: string, width: number): string[] | undefined {
	const trimmed = text.trim();
	const memo = wrapMemos.find(candidate => candidate.width === width && trimmed.length >= candidate.source.length && trimmed.startsWith(candidate.source));
	const from = memo?.lastStart ?? 0;
	const rest = trimmed.slice(from);
	if (!plainWords.test(rest)) return undefined;
	const rows: string[] = [...memo?.done ?? []];
	let row = '';
	let rowStart = from;
	let start = from;
	while (start <= trimmed.length) {
		let end = trimmed.indexOf(' ', start);
		if (end < 0) end = trimmed.length;
		const length = end - start;
		if (length > width) return undefined;
		if (row === '') {
			row = trimmed.slice(start, end);
			rowStart = start;
		} else if (row.length + 1 + length <= width) {
			row += ` ${trimmed.slice(start, end)}`;
		} else {
			rows.push(row);
			row = trimmed.slice(start, end);
			rowStart = start;
		}
		start = end + 1;
	}
	remember({source: trimmed, width, done: rows.slice(), lastStart: rowStart});
	rows.push(row);
	return rows;
}

function remember(memo: WrapMemo): void {
	// A memo of a prefix of this text is superseded by it.
	for (let index = wrapMemos.length - 1; index >= 0; index--) {
		const old = wrapMemos[index]!;
		if (old.width === memo.width && memo.source.startsWith(old.source)) wrapMemos.splice(index, 1);
	}
	wrapMemos.unshift(memo);
	if (wrapMemos.length > wrapMemoLimit) wrapMemos.length = wrapMemoLimit;
}

/** Wrap multi-line styled text: each `\n`-separated line wrapped on its own with the same prefixes. */
export function wrapText(styled: string, width: number, firstPrefix = '', restPrefix = firstPrefix, preserve = false): string[] {
	const out: string[] = [];
	for (const [index, line] of styled.split('\n').entries()) {
		out.push(...wrapLine(line, width, index === 0 ? firstPrefix : restPrefix, restPrefix, preserve));
	}

	return out;
}

/** Repeat a one-cell character to fill `count` cells. */
export function rule(char: string, count: number): string {
	return count > 0 ? char.repeat(count) : '';
}

/** Human duration for turn ends: 850ms, 3.2s, 2m 05s. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) {
		return '?';
	}

	if (ms < 1000) {
		return `${Math.round(ms)}ms`;
	}

	if (ms < 60_000) {
		return `${(ms / 1000).toFixed(1)}s`;
	}

	const minutes = Math.floor(ms / 60_000);
	const seconds = Math.floor((ms % 60_000) / 1000);
	return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}
