/**
Pane transcripts drawn outside Ink (issue 4, DESIGN §10 CPU and key-latency budgets): Ink renders only the chrome
(titles, input, status line) with blank placeholders where the transcript viewports are, and this overlay paints
each viewport's styled rows on top of Ink's virtual screen before the frame writer diffs it. A streamed chunk then
costs one viewport's rows, not a whole Ink render of a 160×48 tree.

Ink's screen stays untouched (its incremental renderer skips rows it believes unchanged, so cells painted into it
would never be erased when a viewport moves or an overlay such as the chooser replaces the panes): the composed
frame shares Ink's rows and copies only the rows a viewport covers. Occluders (the confirm dialog) stay Ink's.
*/
import {sameRect} from '../layout/pane-tree.js';
import type {Frame, ScrollRect} from './frame-writer.js';
import {ScreenModel} from './screen-model.js';

export type OverlayPane = {
	readonly rect: ScrollRect;
	/** Styled rows (ANSI SGR), each at most `rect.width` cells; missing rows are blank. */
	readonly rows: readonly string[];
};

type PaintedPane = {
	readonly rect: ScrollRect;
	/** The pane's rows parsed into cells (re-parsed only for rows whose text changed). */
	readonly cells: ScreenModel;
	readonly parsed: Array<string | undefined>;
};

export class TranscriptOverlay {
	private panes: PaintedPane[] = [];
	private occluders: readonly ScrollRect[] = [];

	get rects(): readonly ScrollRect[] {
		return this.panes.map(pane => pane.rect);
	}

	get empty(): boolean {
		return this.panes.length === 0;
	}

	set(panes: readonly OverlayPane[], occluders: readonly ScrollRect[]): void {
		const previous = this.panes;
		this.panes = panes.filter(pane => pane.rect.width > 0 && pane.rect.height > 0).map(pane => {
			const kept = previous.find(candidate => sameRect(candidate.rect, pane.rect));
			const painted = kept ?? {rect: pane.rect, cells: new ScreenModel(pane.rect.height, pane.rect.width), parsed: []};
			for (let row = 0; row < pane.rect.height; row++) {
				const text = pane.rows[row] ?? '';
				if (painted.parsed[row] === text) continue;
				painted.parsed[row] = text;
				// Home the row, reset the rendition, erase it, then print: rows never wrap (they fit the width).
				painted.cells.apply(`\u001B[${row + 1};1H\u001B[0m\u001B[2K${text}\u001B[0m`);
			}
			return painted;
		});
		this.occluders = occluders;
	}

	/** Ink's screen with every viewport painted over it (rows outside the viewports are Ink's own arrays). */
	compose(base: ScreenModel): Frame {
		if (this.panes.length === 0) return base;
		const chars = [...base.chars];
		const styles = [...base.styles];
		const copied = new Set<number>();
		for (const pane of this.panes) {
			const {rect, cells} = pane;
			const right = Math.min(base.cols, rect.x + rect.width);
			for (let row = 0; row < rect.height; row++) {
				const y = rect.y + row;
				if (y < 0 || y >= base.rows) continue;
				if (!copied.has(y)) {
					copied.add(y);
					chars[y] = [...base.chars[y]!];
					styles[y] = [...base.styles[y]!];
				}
				const rowChars = chars[y]!;
				const rowStyles = styles[y]!;
				const fromChars = cells.chars[row]!;
				const fromStyles = cells.styles[row]!;
				for (let x = Math.max(0, rect.x); x < right; x++) {
					if (this.occluded(x, y)) continue;
					const char = fromChars[x - rect.x]!;
					// A wide character cut by an occluder's edge would disturb the dialog's cells: blank it.
					const cut = (char === '' && this.occluded(x - 1, y)) || (fromChars[x - rect.x + 1] === '' && this.occluded(x + 1, y));
					rowChars[x] = cut ? ' ' : char;
					rowStyles[x] = fromStyles[x - rect.x]!;
				}
			}
		}
		return {rows: base.rows, cols: base.cols, chars, styles, x: base.x, y: base.y, cursorVisible: base.cursorVisible};
	}

	private occluded(x: number, y: number): boolean {
		for (const rect of this.occluders) {
			if (x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height) return true;
		}
		return false;
	}
}
