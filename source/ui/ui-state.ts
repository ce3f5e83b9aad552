/**
This client's own view state (never shared with the host, DESIGN §2: "each client lays out at its own size"):
the key mode, the pane tree, one draft editor per session, per-pane scroll positions, dialogs and a flash
message. Pure data plus pure helpers; the key router returns new values of it.
*/
import {emptyEditor, type EditorState} from './input/editor.js';
import {inputBoxHeight} from './input/input-layout.js';
import {initialLayout, paneOrder, paneParts, paneRects, replaceSession, setPaneSession, type LayoutState, type PaneId, type Rect} from './layout/pane-tree.js';
import {totalLines} from './transcript/layout-transcript.js';
import type {RenderOptions} from './transcript/render-entry.js';
import type {ClientView, SessionView} from './store/client-store.js';
import type {TranscriptEntry} from '../model/types.js';

export type Mode = 'normal' | 'prefix' | 'scroll' | 'search' | 'chooser' | 'dialog' | 'help';

/**
A pane scrolled above the tail. `top` is the first shown line counted from the first loaded entry, which was
`anchorFirst` then: new output below never moves it (DESIGN §6 "scrolled-up views do not jump"), and history
pages loaded above are added back in by `resolveTop`.
*/
export type ScrollState = {
	readonly top: number;
	readonly anchorFirst: number;
	readonly search?: {readonly query: string; readonly active: number};
};

export type Dialog = {readonly kind: 'end-session'; readonly sessionId: string; readonly busy: boolean};

export type Flash = {readonly text: string; readonly level: 'info' | 'warning' | 'error'};

export type UiState = {
	readonly mode: Mode;
	readonly layout: LayoutState;
	/** Draft editor per session id, so a draft follows its session between panes. */
	readonly editors: ReadonlyMap<string, EditorState>;
	readonly scroll: ReadonlyMap<PaneId, ScrollState>;
	/** The query being typed in search mode. */
	readonly searchDraft: string;
	/** Highlighted row of the chooser (index into the session list). */
	readonly chooserIndex: number;
	readonly dialog?: Dialog;
	readonly flash?: Flash;
	/** Sessions whose turn ended while no pane here showed them (for `next-attention`). */
	readonly unseen: ReadonlySet<string>;
	/** Thoughts shown in full in every pane of this client (`C-b t`), else folded to one line. */
	readonly expandThoughts: boolean;
};

export function initialUi(view: ClientView, banner?: string): UiState {
	const ui: UiState = {
		mode: 'normal',
		layout: initialLayout(view.sessions[0]?.info.id),
		editors: new Map(),
		scroll: new Map(),
		searchDraft: '',
		chooserIndex: 0,
		unseen: new Set(),
		expandThoughts: false,
		...(banner === undefined ? {} : {flash: {text: banner, level: 'info'}}),
	};
	return ui;
}

export function editorFor(ui: UiState, sessionId: string | undefined): EditorState {
	return (sessionId === undefined ? undefined : ui.editors.get(sessionId)) ?? emptyEditor();
}

export function withEditor(ui: UiState, sessionId: string, editor: EditorState): UiState {
	const editors = new Map(ui.editors);
	editors.set(sessionId, editor);
	return {...ui, editors};
}

export function withScroll(ui: UiState, paneId: PaneId, scroll: ScrollState | undefined): UiState {
	const map = new Map(ui.scroll);
	if (scroll === undefined) map.delete(paneId);
	else map.set(paneId, scroll);
	return {...ui, scroll: map};
}

export function focusedSessionId(ui: UiState): string | undefined {
	return ui.layout.panes.get(ui.layout.focused)?.sessionId;
}

/** Sessions shown in some pane right now (only the zoomed one while zoomed). */
export function visibleSessions(ui: UiState): ReadonlySet<string> {
	const ids = ui.layout.zoomed ? [ui.layout.focused] : paneOrder(ui.layout.root);
	const visible = new Set<string>();
	for (const id of ids) {
		const sessionId = ui.layout.panes.get(id)?.sessionId;
		if (sessionId !== undefined) visible.add(sessionId);
	}
	return visible;
}

/**
Keep the view state consistent with the host's sessions: panes whose session went away show another one
(one not visible yet, else the first), empty panes get a session when one appears, and sessions that
became visible are no longer unseen. Returns the same object when nothing changed.
*/
export function reconcileUi(ui: UiState, view: ClientView): UiState {
	let layout = ui.layout;
	for (const pane of ui.layout.panes.values()) {
		if (pane.sessionId !== undefined && view.byId.has(pane.sessionId)) continue;
		const visible = visibleSessions({...ui, layout});
		const fallback = view.sessions.find(session => !visible.has(session.info.id)) ?? view.sessions[0];
		layout = pane.sessionId === undefined
			? setPaneSession(layout, pane.id, fallback?.info.id)
			: replaceSession(layout, pane.sessionId, fallback?.info.id);
	}
	let next = layout === ui.layout ? ui : {...ui, layout};
	const visible = visibleSessions(next);
	if ([...next.unseen].some(id => visible.has(id) || !view.byId.has(id))) {
		next = {...next, unseen: new Set([...next.unseen].filter(id => !visible.has(id) && view.byId.has(id)))};
	}
	if (next.dialog !== undefined && !view.byId.has(next.dialog.sessionId)) {
		next = {...next, dialog: undefined, mode: next.mode === 'dialog' ? 'normal' : next.mode};
	}
	const maxChooser = Math.max(0, view.sessions.length - 1);
	if (next.chooserIndex > maxChooser) next = {...next, chooserIndex: maxChooser};
	return next;
}

/** `top` in the current line numbering (history pages loaded above since the anchor push it down). */
export function resolveTop(scroll: ScrollState, entries: readonly TranscriptEntry[], width: number, options: LineOptions = {}): number {
	const first = entries[0]?.index ?? scroll.anchorFirst;
	if (first >= scroll.anchorFirst) return scroll.top;
	const added = entries.filter(entry => entry.index < scroll.anchorFirst);
	return scroll.top + totalLines(added, width, options);
}

/** The TranscriptView `scrollOffset` (lines above the bottom) for a pane's scroll state. */
export function scrollOffsetFor(scroll: ScrollState | undefined, entries: readonly TranscriptEntry[], width: number, height: number, options: LineOptions = {}): number {
	if (scroll === undefined) return 0;
	const total = totalLines(entries, width, options);
	return Math.max(0, total - height - resolveTop(scroll, entries, width, options));
}

/** What changes how many lines an entry takes: scroll positions and the drawn rows must agree on it. */
export type LineOptions = Pick<RenderOptions, 'expandThoughts' | 'restartKey'>;

export function lineOptions(ui: UiState, restartKey: string): LineOptions {
	return ui.expandThoughts ? {expandThoughts: true, restartKey} : {restartKey};
}

export type PaneGeometry = {
	readonly id: PaneId;
	readonly rect: Rect;
	readonly title: Rect;
	readonly viewport: Rect;
	readonly input?: Rect;
	readonly focused: boolean;
	readonly session?: SessionView;
};

export type FrameGeometry =
	| {readonly tooSmall: true}
	| {readonly tooSmall: false; readonly panes: readonly PaneGeometry[]; readonly dividers: readonly Rect[]; readonly status: Rect};

/** Most rows the input may take: ten, and never more than half its pane. */
export function inputMaxHeight(paneHeight: number): number {
	return Math.max(1, Math.min(10, Math.floor((paneHeight - 1) / 2)));
}

/** Where everything goes for this size: the pane rectangles plus the focused pane's input height. */
export function frameGeometry(ui: UiState, view: ClientView, size: {readonly width: number; readonly height: number}, readOnly: boolean): FrameGeometry {
	const rects = paneRects(ui.layout, size);
	if (rects.tooSmall) return {tooSmall: true};
	const panes = rects.panes.map((rect): PaneGeometry => {
		const focused = rect.id === ui.layout.focused;
		const sessionId = ui.layout.panes.get(rect.id)?.sessionId;
		const session = sessionId === undefined ? undefined : view.byId.get(sessionId);
		const inputHeight = focused && session !== undefined
			? inputBoxHeight(editorFor(ui, sessionId), rect.width, inputMaxHeight(rect.height), session.info.queue.length, readOnly)
			: 0;
		const parts = paneParts(rect, inputHeight);
		return {id: rect.id, rect, ...parts, focused, ...(session === undefined ? {} : {session})};
	});
	return {tooSmall: false, panes, dividers: rects.dividers, status: rects.status};
}
