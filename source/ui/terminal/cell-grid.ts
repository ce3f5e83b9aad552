/**
The cell store under the screen model: rows × cols cells, each a grapheme (' ' blank, '' for the right half of a wide
character) and a canonical SGR state (sgr.ts). Keeps wide characters whole the way terminals do.
*/
import stringWidth from 'string-width';

const widths = new Map<string, number>();

/** Terminal cell width of one grapheme (0, 1 or 2), memoized. */
export function graphemeWidth(grapheme: string): number {
	let width = widths.get(grapheme);
	if (width === undefined) {
		width = Math.min(2, stringWidth(grapheme));
		if (widths.size < 50_000) widths.set(grapheme, width);
	}
	return width;
}

export class CellGrid {
	rows: number;
	cols: number;
	/** Per cell: the grapheme, ' ' for blank, '' for the right half of a wide character. */
	chars: string[][] = [];
	styles: string[][] = [];

	constructor(rows: number, cols: number) {
		this.rows = Math.max(1, rows);
		this.cols = Math.max(1, cols);
		for (let row = 0; row < this.rows; row++) this.pushBlankRow();
	}

	/** Resize keeping the top-left content (Ink's incremental renderer assumes its rows are still there). */
	resize(rows: number, cols: number): void {
		rows = Math.max(1, rows);
		cols = Math.max(1, cols);
		for (let row = 0; row < this.chars.length; row++) {
			const chars = this.chars[row]!;
			const styles = this.styles[row]!;
			chars.length = Math.min(chars.length, cols);
			styles.length = chars.length;
			if (chars.at(-1) !== undefined && chars.length === cols && chars.length > 0 && graphemeWidth(chars.at(-1)!) === 2) {
				chars[cols - 1] = ' ';
				styles[cols - 1] = '';
			}
			while (chars.length < cols) {
				chars.push(' ');
				styles.push('');
			}
		}
		this.chars.length = Math.min(this.chars.length, rows);
		this.styles.length = this.chars.length;
		this.cols = cols;
		while (this.chars.length < rows) this.pushBlankRow();
		this.rows = rows;
	}

	clear(): void {
		for (let row = 0; row < this.rows; row++) this.eraseCells(row, 0, this.cols, '');
	}

	/** The screen as plain text rows (tests and debugging). */
	lines(): string[] {
		return this.chars.map(row => row.join('').trimEnd());
	}

	protected pushBlankRow(): void {
		// fill(), not Array.from with a callback: every screen model of a first frame makes rows × 2 of these.
		this.chars.push(new Array<string>(this.cols).fill(' '));
		this.styles.push(new Array<string>(this.cols).fill(''));
	}

	/** Scroll rows top..bottom up by n (n < 0: down), filling with blanks styled `fill`. */
	scrollRows(top: number, bottom: number, n: number, fill: string): void {
		const height = bottom - top + 1;
		const count = Math.min(Math.abs(n), height);
		if (count === 0) return;
		const blanks = (): [string[], string[]] => [new Array<string>(this.cols).fill(' '), new Array<string>(this.cols).fill(fill)];
		for (let index = 0; index < count; index++) {
			const [chars, styles] = blanks();
			if (n > 0) {
				this.chars.splice(top, 1);
				this.styles.splice(top, 1);
				this.chars.splice(bottom, 0, chars);
				this.styles.splice(bottom, 0, styles);
			} else {
				this.chars.splice(bottom, 1);
				this.styles.splice(bottom, 1);
				this.chars.splice(top, 0, chars);
				this.styles.splice(top, 0, styles);
			}
		}
	}

	/** Overwriting one half of a wide character blanks its other half (as terminals do). */
	protected breakWide(y: number, x: number): void {
		const chars = this.chars[y]!;
		if (chars[x] === '' && x > 0) this.setCell(y, x - 1, ' ', this.styles[y]![x - 1]!);
		if (chars[x + 1] === '' && chars[x] !== '') this.setCell(y, x + 1, ' ', this.styles[y]![x + 1]!);
	}

	protected setCell(y: number, x: number, char: string, style: string): void {
		this.chars[y]![x] = char;
		this.styles[y]![x] = style;
	}

	/** Erase cells [from, to) of row y with `fill` as their style. */
	protected eraseCells(y: number, from: number, to: number, fill: string): void {
		from = Math.max(0, from);
		to = Math.min(this.cols, to);
		if (from >= to) return;
		this.breakWide(y, from);
		if (to < this.cols) this.breakWide(y, to);
		const chars = this.chars[y]!;
		const styles = this.styles[y]!;
		for (let x = from; x < to; x++) {
			chars[x] = ' ';
			styles[x] = fill;
		}
	}
}
