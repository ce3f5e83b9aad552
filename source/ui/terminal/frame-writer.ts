/**
Turns a virtual frame (a ScreenModel Ink rendered into) into the few bytes that bring the real terminal from what
it shows to that frame: per row only the changed spans (CUP + SGR + text, EL for a blank tail), and for a
full-width pane viewport whose text moved by k rows a terminal-side scroll (DECSTBM + SU/SD) first, so a streaming
pane costs its new line instead of every row (DESIGN §10, issue 4; tmux does the same). Frames are wrapped in DEC
2026 synchronized output and drawn with the cursor hidden.
*/
import {ScreenModel} from './screen-model.js';
import {sgrSequence} from './sgr.js';

export type ScrollRect = {readonly x: number; readonly y: number; readonly width: number; readonly height: number};

/** What the writer reads of a frame: a ScreenModel, or a composed frame (transcript-overlay.ts). */
export type Frame = {
	readonly rows: number;
	readonly cols: number;
	readonly chars: readonly (readonly string[])[];
	readonly styles: readonly (readonly string[])[];
	readonly x: number;
	readonly y: number;
	readonly cursorVisible: boolean;
};

const csi = '\u001B[';
const beginSync = `${csi}?2026h`;
const endSync = `${csi}?2026l`;
// Equal cells between two changes are rewritten when the gap is shorter than a cursor move costs.
const spanGap = 6;
// A scroll must save at least this many cell rewrites to pay for its escape sequences and the cells it disturbs.
const minimumScrollGain = 48;

export class FrameWriter {
	private shown: ScreenModel;
	private needsClear = true;
	private cursor: {x: number; y: number} | undefined;
	private style: string | undefined;
	private cursorShown: boolean | undefined;
	/** Where the visible cursor was last placed. */
	private cursorAt: {x: number; y: number} | undefined;
	/**
	Segment keys of the hinted rows as the terminal shows them: the frame's keys of the last render, which left the
	terminal equal to that frame. Saves building half the keys of every streaming frame (DESIGN §10 client CPU).
	*/
	private shownKeys = new Map<string, string>();
	private frameKeys = new Map<string, string>();
	private scrolledThisFrame = false;

	constructor(rows: number, cols: number) {
		this.shown = new ScreenModel(rows, cols);
	}

	/** Forget what the terminal shows: the next frame clears the screen and draws everything (resize, alternate screen). */
	reset(rows: number, cols: number): void {
		this.shown = new ScreenModel(rows, cols);
		this.needsClear = true;
		this.cursor = undefined;
		this.style = undefined;
		this.cursorShown = undefined;
		this.cursorAt = undefined;
		this.shownKeys.clear();
	}

	/** The bytes that make the terminal show `frame`; '' when it already does. */
	render(frame: Frame, hints: readonly ScrollRect[] = []): string {
		if (frame.rows !== this.shown.rows || frame.cols !== this.shown.cols) this.reset(frame.rows, frame.cols);
		const out: string[] = [];
		if (this.needsClear) {
			this.needsClear = false;
			out.push(`${sgrSequence('')}${csi}H${csi}2J`);
			this.style = '';
			this.cursor = {x: 0, y: 0};
		}
		this.frameKeys = new Map();
		this.scrolledThisFrame = false;
		for (const band of bands(hints)) this.scroll(frame, band, out);
		for (let y = 0; y < frame.rows; y++) this.updateRow(frame, y, out);
		// Every row now shows the frame.
		this.shownKeys = this.frameKeys;
		const changed = out.length > 0;
		if (changed && this.cursorShown !== false) out.unshift(`${csi}?25l`);
		if (changed) this.cursorShown = false;
		const cursorMoved = this.cursorAt?.x !== frame.x || this.cursorAt.y !== frame.y;
		if (frame.cursorVisible && (this.cursorShown !== true || cursorMoved)) {
			out.push(`${csi}${frame.y + 1};${frame.x + 1}H${csi}?25h`);
			this.cursor = {x: frame.x, y: frame.y};
			this.cursorAt = {x: frame.x, y: frame.y};
			this.cursorShown = true;
		} else if (!frame.cursorVisible && this.cursorShown !== false) {
			out.push(`${csi}?25l`);
			this.cursorShown = false;
		}
		if (out.length === 0) return '';
		return beginSync + out.join('') + endSync;
	}

	/**
	When the viewports of one row band (same top and height: a full-width pane, or panes side by side) moved up or
	down by the same k, let the terminal scroll the band's full-width region (DECSTBM + SU/SD). The gain is counted in
	cells of the hinted rectangles that match after the shift and did not before; the row diff repairs the rest.
	*/
	private scroll(frame: Frame, band: readonly ScrollRect[], out: string[]): void {
		const first = band[0]!;
		const top = Math.max(0, first.y);
		const bottom = Math.min(frame.rows, first.y + first.height) - 1;
		if (bottom - top < 1) return;
		const height = bottom - top + 1;
		const segments = band.map(hint => {
			const x = Math.max(0, hint.x);
			const width = Math.min(frame.cols, hint.x + hint.width) - x;
			const next: string[] = [];
			const now: string[] = [];
			for (let y = top; y <= bottom; y++) {
				const id = `${y}:${x}:${width}`;
				const key = segmentKey(frame, y, x, width);
				this.frameKeys.set(id, key);
				next.push(key);
				// After a scroll in this frame the shown rows moved: the remembered keys no longer match them.
				now.push((this.scrolledThisFrame ? undefined : this.shownKeys.get(id)) ?? segmentKey(this.shown, y, x, width));
			}
			return {width, next, now, blank: `${' '.repeat(Math.max(0, width))}\u0001${'\u0000'.repeat(Math.max(0, width))}`};
		}).filter(segment => segment.width > 0);
		const matches = (k: number): number => {
			let cells = 0;
			for (const {width, next, now, blank} of segments) {
				for (let row = Math.max(0, -k); row < Math.min(height, height - k); row++) {
					if (next[row] !== blank && next[row] === now[row + k]) cells += width;
				}
			}
			return cells;
		};
		const base = matches(0);
		if (segments.every(({next, now}) => next.every((key, row) => key === now[row]))) return;
		// Candidate shifts: where each segment's rows now show a row the frame wants (usually one or two shifts).
		const candidates = new Set<number>();
		for (const {next, now, blank} of segments) {
			const positions = new Map<string, number[]>();
			now.forEach((key, row) => {
				if (key !== blank) positions.set(key, [...positions.get(key) ?? [], row]);
			});
			for (let row = 0; row < height && candidates.size < 64; row++) {
				for (const from of positions.get(next[row]!) ?? []) if (from !== row) candidates.add(from - row);
			}
		}
		let best = 0;
		let bestCells = base;
		for (const k of candidates) {
			const cells = matches(k);
			if (cells > bestCells || (cells === bestCells && best !== 0 && Math.abs(k) < Math.abs(best))) {
				bestCells = cells;
				best = k;
			}
		}
		if (best === 0 || bestCells - base < minimumScrollGain) return;
		// Scrolled-in rows take the current background (BCE): reset the rendition first.
		const sequence = `${csi}${top + 1};${bottom + 1}r${csi}${Math.abs(best)}${best > 0 ? 'S' : 'T'}${csi}r`;
		if (this.style !== '') out.push(sgrSequence(''));
		this.style = '';
		out.push(sequence);
		this.shown.apply(sequence);
		this.scrolledThisFrame = true;
		this.cursor = {x: 0, y: 0};
	}

	private updateRow(frame: Frame, y: number, out: string[]): void {
		const nextChars = frame.chars[y]!;
		const nextStyles = frame.styles[y]!;
		const shownChars = this.shown.chars[y]!;
		const shownStyles = this.shown.styles[y]!;
		const cols = frame.cols;
		const differs = (x: number): boolean => nextChars[x] !== shownChars[x] || nextStyles[x] !== shownStyles[x];
		let x = 0;
		while (x < cols && !differs(x)) x++;
		if (x === cols) return;
		let blankFrom = cols;
		while (blankFrom > 0 && nextChars[blankFrom - 1] === ' ' && nextStyles[blankFrom - 1] === '') blankFrom--;
		while (x < cols) {
			let start = x;
			let end = x;
			let scan = x + 1;
			while (scan < cols && scan - end <= spanGap) {
				if (differs(scan)) end = scan;
				scan++;
			}
			// Never split a wide character, on either screen.
			while (start > 0 && (nextChars[start] === '' || shownChars[start] === '')) start--;
			while (end + 1 < cols && (nextChars[end + 1] === '' || shownChars[end + 1] === '')) end++;
			const erase = end >= blankFrom && blankFrom < cols;
			this.writeSpan(frame, y, start, erase ? blankFrom - 1 : end, out);
			if (erase) {
				this.moveTo(Math.max(start, blankFrom), y, out);
				if (this.style !== '') out.push(sgrSequence(''));
				this.style = '';
				out.push(`${csi}K`);
				this.copy(frame, y, Math.max(start, blankFrom), cols - 1);
				return;
			}
			x = end + 1;
			while (x < cols && !differs(x)) x++;
		}
	}

	/** Write frame cells start..end of row y (no-op when end < start). */
	private writeSpan(frame: Frame, y: number, start: number, end: number, out: string[]): void {
		if (end < start) return;
		this.moveTo(start, y, out);
		const chars = frame.chars[y]!;
		const styles = frame.styles[y]!;
		let text = '';
		for (let x = start; x <= end; x++) {
			const char = chars[x]!;
			if (char === '') continue;
			const style = styles[x]!;
			if (style !== this.style) {
				text += sgrSequence(style);
				this.style = style;
			}
			text += char;
		}
		out.push(text);
		this.cursor = end + 1 < frame.cols ? {x: end + 1, y} : undefined;
		this.copy(frame, y, start, end);
	}

	private moveTo(x: number, y: number, out: string[]): void {
		if (this.cursor?.x === x && this.cursor.y === y) return;
		out.push(x === 0 ? `${csi}${y + 1}H` : `${csi}${y + 1};${x + 1}H`);
		this.cursor = {x, y};
	}

	private copy(frame: Frame, y: number, start: number, end: number): void {
		const chars = this.shown.chars[y]!;
		const styles = this.shown.styles[y]!;
		for (let x = start; x <= end; x++) {
			chars[x] = frame.chars[y]![x]!;
			styles[x] = frame.styles[y]![x]!;
		}
	}
}

/** Cells x..x+width-1 of row y as one comparable string (characters, then styles). */
function segmentKey(model: Frame, y: number, x: number, width: number): string {
	return `${model.chars[y]!.slice(x, x + width).join('')}\u0001${model.styles[y]!.slice(x, x + width).join('\u0000')}`;
}

/** Hints grouped by row band (same top and height), each band's rectangles left to right. */
function bands(hints: readonly ScrollRect[]): ScrollRect[][] {
	const groups = new Map<string, ScrollRect[]>();
	for (const hint of hints) {
		const key = `${hint.y}:${hint.height}`;
		groups.set(key, [...groups.get(key) ?? [], hint]);
	}
	return [...groups.values()].map(group => group.sort((a, b) => a.x - b.x));
}
