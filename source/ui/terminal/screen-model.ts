/**
A virtual terminal screen: rows × cols cells (character, wide-char continuation, SGR state) driven by `apply(text)`.
It interprets what Ink 8 emits (node_modules/ink/build/log-update.js, cursor-helpers.js, ink.js: CUU/CUD/CNL/CHA,
CUP, EL, ED, eraseLines, SGR, DEC 2026 markers, cursor show/hide, alternate screen, LF as CR+LF because the tty keeps
ONLCR in raw mode) and what the frame writer emits (CUP, DECSTBM, SU/SD, EL, SGR). Mode sequences the terminal must
still see (bracketed paste, kitty keyboard, mouse, OSC titles, queries) are handed to `onPassthrough`; anything
else unknown is ignored. DESIGN §10, issue 4.
*/
import {CellGrid, graphemeWidth} from './cell-grid.js';
import {applySgr, eraseState} from './sgr.js';

/** Return 'stop' to stop parsing right after this sequence (apply() then returns how much it consumed). */
export type PassthroughHandler = (sequence: string) => 'stop' | void;

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const asciiRun = /^[\u0020-\u007E]*$/;

const alternateModes = new Set(['47', '1047', '1049']);

export class ScreenModel extends CellGrid {
	x = 0;
	y = 0;
	cursorVisible = true;
	style = '';
	private pendingWrap = false;
	private top = 0;
	private bottom: number;
	private saved: {x: number; y: number; style: string} = {x: 0, y: 0, style: ''};
	private pending = '';
	private readonly onPassthrough: PassthroughHandler | undefined;

	constructor(rows: number, cols: number, onPassthrough?: PassthroughHandler) {
		super(rows, cols);
		this.bottom = this.rows - 1;
		this.onPassthrough = onPassthrough;
	}

	/** Resize keeping the top-left content (Ink's incremental renderer assumes its rows are still there). */
	override resize(rows: number, cols: number): void {
		super.resize(rows, cols);
		this.top = 0;
		this.bottom = this.rows - 1;
		this.x = Math.min(this.x, this.cols - 1);
		this.y = Math.min(this.y, this.rows - 1);
		this.pendingWrap = false;
	}

	/** Scroll rows top..bottom up by n (n < 0: down); new rows take the current background (BCE). */
	scrollUp(top: number, bottom: number, n: number): void {
		this.scrollRows(top, bottom, n, eraseState(this.style));
	}

	/** Interpret `text`; returns how many characters were consumed (all, unless a passthrough handler said stop). */
	apply(text: string): number {
		const input = this.pending + text;
		const offset = this.pending.length;
		this.pending = '';
		let index = 0;
		while (index < input.length) {
			const code = input.charCodeAt(index);
			if (code === 0x1B) {
				const end = this.escape(input, index);
				if (end < 0) {
					this.pending = input.slice(index);
					return text.length;
				}
				const stop = this.lastStop;
				this.lastStop = false;
				index = end;
				if (stop) return Math.max(0, index - offset);
			} else if (code < 0x20 || code === 0x7F) {
				this.control(code);
				index++;
			} else {
				let end = index + 1;
				while (end < input.length) {
					const next = input.charCodeAt(end);
					if (next < 0x20 || next === 0x7F) break;
					end++;
				}
				this.print(input.slice(index, end));
				index = end;
			}
		}
		return text.length;
	}

	private lastStop = false;

	private control(code: number): void {
		if (code === 0x0A || code === 0x0B || code === 0x0C) {
			this.x = 0;
			this.lineFeed();
		} else if (code === 0x0D) {
			this.x = 0;
			this.pendingWrap = false;
		} else if (code === 0x08) {
			this.x = Math.max(0, this.x - 1);
			this.pendingWrap = false;
		} else if (code === 0x09) {
			this.x = Math.min(this.cols - 1, (Math.floor(this.x / 8) + 1) * 8);
		}
		// BEL and the rest do not change the screen.
	}

	private lineFeed(): void {
		this.pendingWrap = false;
		if (this.y === this.bottom) this.scrollUp(this.top, this.bottom, 1);
		else if (this.y < this.rows - 1) this.y++;
	}

	private print(run: string): void {
		if (asciiRun.test(run)) {
			// Fast path (most of every frame): a run that fits the row only needs wide characters broken at its ends.
			if (!this.pendingWrap && this.x + run.length <= this.cols && run.length > 1) {
				const chars = this.chars[this.y]!;
				const styles = this.styles[this.y]!;
				const end = this.x + run.length;
				this.breakWide(this.y, this.x);
				this.breakWide(this.y, end - 1);
				for (let index = 0; index < run.length; index++) {
					chars[this.x + index] = run[index]!;
					styles[this.x + index] = this.style;
				}
				this.x = end;
				if (this.x >= this.cols) {
					this.x = this.cols - 1;
					this.pendingWrap = true;
				}
				return;
			}
			for (let index = 0; index < run.length; index++) this.put(run[index]!, 1);
			return;
		}
		for (const {segment} of segmenter.segment(run)) {
			const width = graphemeWidth(segment);
			if (width === 0) {
				// A zero-width grapheme joins the previous cell (combining marks after a reset segmenter boundary).
				const x = this.pendingWrap ? this.x : this.x - 1;
				if (x >= 0 && this.chars[this.y]![x] !== '') this.chars[this.y]![x] += segment;
				continue;
			}
			this.put(segment, width);
		}
	}

	private put(grapheme: string, width: number): void {
		if (this.pendingWrap || (width === 2 && this.x === this.cols - 1)) {
			if (width === 2 && !this.pendingWrap) {
				this.breakWide(this.y, this.x);
				this.setCell(this.y, this.x, ' ', eraseState(this.style));
			}
			this.x = 0;
			this.lineFeed();
		}
		if (width === 2 && this.cols < 2) return;
		const chars = this.chars[this.y]!;
		this.breakWide(this.y, this.x);
		if (width === 2) this.breakWide(this.y, this.x + 1);
		chars[this.x] = grapheme;
		this.styles[this.y]![this.x] = this.style;
		if (width === 2) {
			chars[this.x + 1] = '';
			this.styles[this.y]![this.x + 1] = this.style;
		}
		this.x += width;
		if (this.x >= this.cols) {
			this.x = this.cols - 1;
			this.pendingWrap = true;
		}
	}


	private moveTo(x: number, y: number): void {
		this.x = Math.max(0, Math.min(this.cols - 1, x));
		this.y = Math.max(0, Math.min(this.rows - 1, y));
		this.pendingWrap = false;
	}

	/** Parse one escape sequence at `start`; returns the index after it, or -1 when it is incomplete. */
	private escape(input: string, start: number): number {
		const kind = input[start + 1];
		if (kind === undefined) return -1;
		if (kind === '[') {
			let index = start + 2;
			while (index < input.length) {
				const code = input.charCodeAt(index);
				if (code >= 0x40 && code <= 0x7E) break;
				if (code < 0x20) return index; // A broken sequence: drop it, keep the control.
				index++;
			}
			if (index >= input.length) return -1;
			this.csi(input.slice(start, index + 1), input.slice(start + 2, index), input[index]!);
			return index + 1;
		}
		if (kind === ']' || kind === 'P' || kind === '_' || kind === '^' || kind === 'X') {
			let index = start + 2;
			while (index < input.length) {
				if (input[index] === '\u0007') break;
				if (input[index] === '\u001B' && input[index + 1] === '\\') {
					index++;
					break;
				}
				index++;
			}
			if (index >= input.length) return -1;
			const sequence = input.slice(start, index + 1);
			// OSC 8 hyperlinks wrap cell text; the model keeps cells only, so they are dropped rather than misplaced.
			if (kind === ']' && !sequence.startsWith('\u001B]8;')) this.passthrough(sequence);
			return index + 1;
		}
		if (kind >= ' ' && kind <= '/') {
			// nF escapes (charset designations): ESC, intermediates, one final byte. Ignored.
			let index = start + 1;
			while (index < input.length && input[index]! >= ' ' && input[index]! <= '/') index++;
			return index >= input.length ? -1 : index + 1;
		}
		this.simpleEscape(kind);
		return start + 2;
	}

	private simpleEscape(kind: string): void {
		if (kind === '7') {
			this.saved = {x: this.x, y: this.y, style: this.style};
		} else if (kind === '8') {
			this.moveTo(this.saved.x, this.saved.y);
			this.style = this.saved.style;
		} else if (kind === 'D') {
			this.lineFeed();
		} else if (kind === 'E') {
			this.x = 0;
			this.lineFeed();
		} else if (kind === 'M') {
			this.pendingWrap = false;
			if (this.y === this.top) this.scrollUp(this.top, this.bottom, -1);
			else this.y = Math.max(0, this.y - 1);
		} else if (kind === 'c') {
			this.style = '';
			this.top = 0;
			this.bottom = this.rows - 1;
			this.clear();
			this.moveTo(0, 0);
		}
	}

	private passthrough(sequence: string): void {
		if (this.onPassthrough?.(sequence) === 'stop') this.lastStop = true;
	}

	private csi(sequence: string, body: string, final: string): void {
		const marker = body.length > 0 && body[0]! >= '<' && body[0]! <= '?' ? body[0]! : '';
		const rest = marker === '' ? body : body.slice(1);
		if (marker !== '' || /[ -/]/.test(rest)) {
			this.privateCsi(sequence, marker, rest, final);
			return;
		}
		const params = rest.split(';').map(part => (part === '' ? 0 : Number.parseInt(part, 10) || 0));
		const n = Math.max(1, params[0] ?? 0);
		switch (final) {
			case 'A': this.moveTo(this.x, this.y < this.top ? this.y - n : Math.max(this.top, this.y - n)); break;
			case 'B': this.moveTo(this.x, this.y > this.bottom ? this.y + n : Math.min(this.bottom, this.y + n)); break;
			case 'C': this.moveTo(this.x + n, this.y); break;
			case 'D': this.moveTo(this.x - n, this.y); break;
			case 'E': this.moveTo(0, Math.min(this.y > this.bottom ? this.rows - 1 : this.bottom, this.y + n)); break;
			case 'F': this.moveTo(0, Math.max(this.y < this.top ? 0 : this.top, this.y - n)); break;
			case 'G': case '`': this.moveTo(n - 1, this.y); break;
			case 'd': this.moveTo(this.x, n - 1); break;
			case 'H': case 'f': this.moveTo(Math.max(1, params[1] ?? 0) - 1, n - 1); break;
			case 'J': this.eraseDisplay(params[0] ?? 0); break;
			case 'K': this.eraseLine(params[0] ?? 0); break;
			case 'X': this.eraseCells(this.y, this.x, this.x + n, eraseState(this.style)); break;
			case 'S': this.scrollUp(this.top, this.bottom, n); break;
			case 'T': this.scrollUp(this.top, this.bottom, -n); break;
			case 'm': this.style = applySgr(this.style, rest); break;
			case 'r': this.setRegion(params); break;
			case 's': this.saved = {x: this.x, y: this.y, style: this.style}; break;
			case 'u': this.moveTo(this.saved.x, this.saved.y); break;
			case 'n': case 'c': case 't': this.passthrough(sequence); break;
			default: break; // Unknown: ignored.
		}
	}

	private privateCsi(sequence: string, marker: string, rest: string, final: string): void {
		if (marker === '?' && (final === 'h' || final === 'l')) {
			const modes = rest.split(';');
			const others: string[] = [];
			for (const mode of modes) {
				if (mode === '25') this.cursorVisible = final === 'h';
				else if (mode !== '2026') others.push(mode);
				if (alternateModes.has(mode)) {
					this.clear();
					this.moveTo(0, 0);
				}
			}
			if (others.length > 0) this.passthrough(others.length === modes.length ? sequence : `\u001B[?${others.join(';')}${final}`);
			return;
		}
		// Kitty keyboard (CSI > u, CSI < u, CSI ? u, CSI = u), cursor style (CSI n SP q), queries: the terminal's business.
		this.passthrough(sequence);
	}

	private setRegion(params: readonly number[]): void {
		const top = Math.max(1, params[0] ?? 0) - 1;
		const bottom = (params[1] === undefined || params[1] === 0 ? this.rows : Math.min(this.rows, params[1])) - 1;
		if (top >= bottom) return;
		this.top = top;
		this.bottom = bottom;
		this.moveTo(0, 0);
	}

	private eraseLine(mode: number): void {
		const fill = eraseState(this.style);
		if (mode === 0) this.eraseCells(this.y, this.x, this.cols, fill);
		else if (mode === 1) this.eraseCells(this.y, 0, this.x + 1, fill);
		else if (mode === 2) this.eraseCells(this.y, 0, this.cols, fill);
		this.pendingWrap = false;
	}

	private eraseDisplay(mode: number): void {
		const fill = eraseState(this.style);
		if (mode === 0) {
			this.eraseCells(this.y, this.x, this.cols, fill);
			for (let row = this.y + 1; row < this.rows; row++) this.eraseCells(row, 0, this.cols, fill);
		} else if (mode === 1) {
			for (let row = 0; row < this.y; row++) this.eraseCells(row, 0, this.cols, fill);
			this.eraseCells(this.y, 0, this.x + 1, fill);
		} else if (mode === 2) {
			// Mode 3 only erases scrollback, which the model does not keep.
			for (let row = 0; row < this.rows; row++) this.eraseCells(row, 0, this.cols, fill);
		}
		this.pendingWrap = false;
	}
}
