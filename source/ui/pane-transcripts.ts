/**
The panes' transcript viewports, kept outside React (issue 4, DESIGN §10 CPU and key-latency budgets; §6: stores
outside React, flushed at most every 50–100 ms). The App says which session each visible viewport shows and how it
is scrolled (`show`, from a layout effect); every store flush then rebuilds the rows of the viewports whose session
changed and hands them to the terminal output, which paints them over Ink's chrome. Streaming therefore never
re-renders the React tree: Ink only renders when the chrome (titles, input, status line) changes.
*/
import {sameRect, type Rect} from './layout/pane-tree.js';
import type {ClientStore, SessionView} from './store/client-store.js';
import type {OverlayPane} from './terminal/transcript-overlay.js';
import {buildRows} from './transcript/viewport-rows.js';
import {scrollOffsetFor, type FrameGeometry, type ScrollState, type UiState} from './ui-state.js';

export type PaneTranscriptSpec = {
	readonly sessionId: string;
	readonly viewport: Rect;
	readonly scroll?: ScrollState;
	readonly restartKey?: string;
	readonly expandThoughts?: boolean;
	readonly color?: boolean;
};

/** What the App needs: where transcripts go. */
export type TranscriptLayer = {
	show(panes: readonly PaneTranscriptSpec[], occluders: readonly Rect[]): void;
};

/** The specs of a frame's visible viewports: none under a full-area overlay (chooser, help) or when too small. */
export function transcriptSpecs(geometry: FrameGeometry, ui: UiState, restartKey: string, color?: boolean): readonly PaneTranscriptSpec[] {
	if (geometry.tooSmall || ui.mode === 'chooser' || ui.mode === 'help') return [];
	return geometry.panes.flatMap((pane): PaneTranscriptSpec[] => {
		if (pane.session === undefined) return [];
		const scroll = ui.scroll.get(pane.id);
		return [{
			sessionId: pane.session.info.id,
			viewport: pane.viewport,
			restartKey,
			expandThoughts: ui.expandThoughts,
			...(scroll === undefined ? {} : {scroll}),
			...(color === undefined ? {} : {color}),
		}];
	});
}

export type OverlaySink = (panes: readonly OverlayPane[], occluders: readonly Rect[]) => void;

type Painted = {
	readonly spec: PaneTranscriptSpec;
	readonly session: SessionView | undefined;
	/** Undefined until built for `spec` (a new or changed pane). */
	readonly rows: readonly string[] | undefined;
};

const sameSpec = (a: PaneTranscriptSpec, b: PaneTranscriptSpec): boolean =>
	a.sessionId === b.sessionId && sameRect(a.viewport, b.viewport) && a.scroll === b.scroll && a.restartKey === b.restartKey && a.expandThoughts === b.expandThoughts && a.color === b.color;

export class PaneTranscripts implements TranscriptLayer {
	readonly #store: ClientStore;
	readonly #sink: OverlaySink;
	readonly #unsubscribe: () => void;
	#painted: readonly Painted[] = [];
	#occluders: readonly Rect[] = [];

	constructor(store: ClientStore, sink: OverlaySink) {
		this.#store = store;
		this.#sink = sink;
		this.#unsubscribe = store.subscribe(() => {
			this.#refresh(false);
		});
	}

	show(panes: readonly PaneTranscriptSpec[], occluders: readonly Rect[]): void {
		const previous = this.#painted;
		const layoutChanged = panes.length !== previous.length || occluders.length !== this.#occluders.length
			|| occluders.some((rect, index) => !sameRect(rect, this.#occluders[index]!));
		this.#occluders = occluders;
		// Keep the painted rows of panes whose spec did not change; #refresh rebuilds the rest.
		this.#painted = panes.map(spec => previous.find(painted => sameSpec(painted.spec, spec)) ?? {spec, session: undefined, rows: undefined});
		this.#refresh(layoutChanged || this.#painted.some((painted, index) => painted !== previous[index]));
	}

	dispose(): void {
		this.#unsubscribe();
	}

	#refresh(force: boolean): void {
		const view = this.#store.getView();
		let changed = force;
		this.#painted = this.#painted.map(painted => {
			const session = view.byId.get(painted.spec.sessionId);
			if (session === painted.session && painted.rows !== undefined) return painted;
			changed = true;
			return {spec: painted.spec, session, rows: session === undefined ? [] : rowsFor(painted.spec, session)};
		});
		if (!changed) return;
		this.#sink(this.#painted.map(painted => ({rect: painted.spec.viewport, rows: painted.rows ?? []})), this.#occluders);
	}
}

function rowsFor(spec: PaneTranscriptSpec, session: SessionView): readonly string[] {
	const {width, height} = spec.viewport;
	const options = {
		...(spec.restartKey === undefined ? {} : {restartKey: spec.restartKey}),
		...(spec.expandThoughts === true ? {expandThoughts: true} : {}),
	};
	return buildRows({
		entries: session.entries,
		width,
		height,
		scrollOffset: scrollOffsetFor(spec.scroll, session.entries, width, height, options),
		...(spec.scroll?.search === undefined ? {} : {search: spec.scroll.search}),
		...options,
		...(spec.color === undefined ? {} : {color: spec.color}),
	});
}
