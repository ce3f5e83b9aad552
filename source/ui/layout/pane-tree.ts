/**
PURE pane-tree math (DESIGN §6, docs/ink-notes.md "pure layout logic"): split, close, zoom, focus, and the
rectangles of every pane for a terminal size. No React, no Ink: the App renders exactly these rectangles.

tmux naming: `%` splits left/right (a vertical divider, `row` here), `"` splits top/bottom (`column`).
*/

export type PaneId = number;

export type SplitDirection = 'row' | 'column';

export type PaneNode =
	| {readonly type: 'pane'; readonly id: PaneId}
	| {readonly type: 'split'; readonly direction: SplitDirection; readonly first: PaneNode; readonly second: PaneNode; readonly ratio: number};

export type Pane = {
	readonly id: PaneId;
	/** The session this pane shows; undefined while the host has none. */
	readonly sessionId?: string;
};

export type LayoutState = {
	readonly root: PaneNode;
	readonly panes: ReadonlyMap<PaneId, Pane>;
	readonly focused: PaneId;
	readonly zoomed: boolean;
	readonly nextId: PaneId;
};

export type Rect = {readonly x: number; readonly y: number; readonly width: number; readonly height: number};

export const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export type PaneRect = Rect & {readonly id: PaneId};

export type LayoutRects =
	| {readonly tooSmall: true; readonly width: number; readonly height: number}
	| {
		readonly tooSmall: false;
		readonly panes: readonly PaneRect[];
		/** One-column dividers between left/right neighbours. */
		readonly dividers: readonly Rect[];
		readonly status: Rect;
	};

/** Below this the UI shows a "too small" notice instead of panes (issue 4 §7). */
export const minimumSize = {width: 80, height: 24} as const;
/** A split that would make a pane smaller than this is refused. */
export const minimumPane = {width: 20, height: 4} as const;

export function initialLayout(sessionId?: string): LayoutState {
	return {
		root: {type: 'pane', id: 0},
		panes: new Map([[0, sessionId === undefined ? {id: 0} : {id: 0, sessionId}]]),
		focused: 0,
		zoomed: false,
		nextId: 1,
	};
}

/** Pane ids in reading order (depth first: left before right, top before bottom). */
export function paneOrder(root: PaneNode): readonly PaneId[] {
	if (root.type === 'pane') return [root.id];
	return [...paneOrder(root.first), ...paneOrder(root.second)];
}

function replaceNode(node: PaneNode, id: PaneId, make: (leaf: PaneNode) => PaneNode): PaneNode {
	if (node.type === 'pane') return node.id === id ? make(node) : node;
	const first = replaceNode(node.first, id, make);
	const second = replaceNode(node.second, id, make);
	return first === node.first && second === node.second ? node : {...node, first, second};
}

/**
Split the focused pane; the new pane gets focus and shows `sessionId` (by default the same session, like
tmux showing the same shell twice is not possible, but a pane on the same conversation is harmless).
When `size` is given and either half would fall under `minimumPane`, the state is returned unchanged.
*/
export function splitPane(state: LayoutState, direction: SplitDirection, sessionId?: string, size?: {readonly width: number; readonly height: number}): LayoutState {
	if (size !== undefined) {
		const rects = paneRects({...state, zoomed: false}, size);
		const rect = rects.tooSmall ? undefined : rects.panes.find(pane => pane.id === state.focused);
		if (rect === undefined) return state;
		const tooNarrow = direction === 'row' && (rect.width - 1) / 2 < minimumPane.width;
		const tooShort = direction === 'column' && rect.height / 2 < minimumPane.height;
		if (tooNarrow || tooShort) return state;
	}
	const id = state.nextId;
	const root = replaceNode(state.root, state.focused, leaf => ({type: 'split', direction, first: leaf, second: {type: 'pane', id}, ratio: 0.5}));
	const panes = new Map(state.panes);
	panes.set(id, sessionId === undefined ? {id} : {id, sessionId});
	return {root, panes, focused: id, zoomed: false, nextId: id + 1};
}

function removeNode(node: PaneNode, id: PaneId): PaneNode | undefined {
	if (node.type === 'pane') return node.id === id ? undefined : node;
	const first = removeNode(node.first, id);
	const second = removeNode(node.second, id);
	if (first === undefined) return second;
	if (second === undefined) return first;
	return first === node.first && second === node.second ? node : {...node, first, second};
}

/** Close a pane; its sibling takes its space. The last pane is never closed. */
export function closePane(state: LayoutState, id: PaneId = state.focused): LayoutState {
	const root = removeNode(state.root, id);
	if (root === undefined || root === state.root) return state;
	const order = paneOrder(state.root);
	const panes = new Map(state.panes);
	panes.delete(id);
	let focused = state.focused;
	if (focused === id) {
		const index = order.indexOf(id);
		const remaining = paneOrder(root);
		// The pane before it in reading order takes focus (the first one when it was first).
		focused = remaining[Math.max(0, index - 1)] ?? remaining[0]!;
	}
	return {...state, root, panes, focused, zoomed: false};
}

export function toggleZoom(state: LayoutState): LayoutState {
	if (state.root.type === 'pane') return state.zoomed ? {...state, zoomed: false} : state;
	return {...state, zoomed: !state.zoomed};
}

/** Next/previous pane in reading order (wraps). Unzooms, like tmux. */
export function focusNext(state: LayoutState, delta = 1): LayoutState {
	const order = paneOrder(state.root);
	const index = order.indexOf(state.focused);
	const next = order[(index + delta + order.length * 2) % order.length]!;
	return next === state.focused ? state : {...state, focused: next, zoomed: false};
}

export function focusPane(state: LayoutState, id: PaneId): LayoutState {
	return state.panes.has(id) && id !== state.focused ? {...state, focused: id} : state;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
Focus the neighbour in a direction: among panes across the focused pane's edge, the one overlapping it the
most (ties: the nearest to its top-left), computed on the rectangles for `size`.
*/
export function focusDirection(state: LayoutState, direction: Direction, size: {readonly width: number; readonly height: number}): LayoutState {
	const rects = paneRects({...state, zoomed: false}, {width: Math.max(size.width, minimumSize.width), height: Math.max(size.height, minimumSize.height)});
	if (rects.tooSmall) return state;
	const current = rects.panes.find(pane => pane.id === state.focused);
	if (current === undefined) return state;
	let best: {id: PaneId; overlap: number; distance: number} | undefined;
	for (const pane of rects.panes) {
		if (pane.id === current.id) continue;
		let across: boolean;
		let overlap: number;
		if (direction === 'left' || direction === 'right') {
			across = direction === 'left' ? pane.x + pane.width <= current.x : pane.x >= current.x + current.width;
			overlap = Math.min(pane.y + pane.height, current.y + current.height) - Math.max(pane.y, current.y);
		} else {
			across = direction === 'up' ? pane.y + pane.height <= current.y : pane.y >= current.y + current.height;
			overlap = Math.min(pane.x + pane.width, current.x + current.width) - Math.max(pane.x, current.x);
		}
		if (!across || overlap <= 0) continue;
		const distance = Math.abs(pane.x - current.x) + Math.abs(pane.y - current.y);
		if (best === undefined || overlap > best.overlap || (overlap === best.overlap && distance < best.distance)) {
			best = {id: pane.id, overlap, distance};
		}
	}
	return best === undefined ? state : {...state, focused: best.id, zoomed: false};
}

export function setPaneSession(state: LayoutState, id: PaneId, sessionId: string | undefined): LayoutState {
	const pane = state.panes.get(id);
	if (pane === undefined || pane.sessionId === sessionId) return state;
	const panes = new Map(state.panes);
	panes.set(id, sessionId === undefined ? {id} : {id, sessionId});
	return {...state, panes};
}

/** Rebind panes whose session vanished (ended elsewhere) to `fallback`. */
export function replaceSession(state: LayoutState, gone: string, fallback: string | undefined): LayoutState {
	let next = state;
	for (const pane of state.panes.values()) {
		if (pane.sessionId === gone) next = setPaneSession(next, pane.id, fallback);
	}
	return next;
}

function layoutNode(node: PaneNode, area: Rect, panes: PaneRect[], dividers: Rect[]): void {
	if (node.type === 'pane') {
		panes.push({id: node.id, ...area});
		return;
	}
	if (node.direction === 'row') {
		// One column for the divider; the rest shared by ratio, each side at least 1 column.
		const usable = Math.max(area.width - 1, 2);
		const firstWidth = Math.min(usable - 1, Math.max(1, Math.round(usable * node.ratio)));
		layoutNode(node.first, {...area, width: firstWidth}, panes, dividers);
		dividers.push({x: area.x + firstWidth, y: area.y, width: 1, height: area.height});
		layoutNode(node.second, {...area, x: area.x + firstWidth + 1, width: usable - firstWidth}, panes, dividers);
		return;
	}
	// Top/bottom: no divider, the lower pane's title row separates them.
	const firstHeight = Math.min(area.height - 1, Math.max(1, Math.round(area.height * node.ratio)));
	layoutNode(node.first, {...area, height: firstHeight}, panes, dividers);
	layoutNode(node.second, {...area, y: area.y + firstHeight, height: area.height - firstHeight}, panes, dividers);
}

/**
Rectangles for a terminal of `size`: the status line is the last row, panes tile the rows above (the
zoomed pane takes them all). Smaller than `minimumSize` → `tooSmall`.
*/
export function paneRects(state: LayoutState, size: {readonly width: number; readonly height: number}): LayoutRects {
	const {width, height} = size;
	if (width < minimumSize.width || height < minimumSize.height) return {tooSmall: true, width, height};
	const area: Rect = {x: 0, y: 0, width, height: height - 1};
	const panes: PaneRect[] = [];
	const dividers: Rect[] = [];
	if (state.zoomed) panes.push({id: state.focused, ...area});
	else layoutNode(state.root, area, panes, dividers);
	return {tooSmall: false, panes, dividers, status: {x: 0, y: height - 1, width, height: 1}};
}

/** The parts of one pane: 1 title row, the viewport, and (focused pane only) the input rows at the bottom. */
export function paneParts(rect: Rect, inputHeight: number): {readonly title: Rect; readonly viewport: Rect; readonly input?: Rect} {
	const title: Rect = {x: rect.x, y: rect.y, width: rect.width, height: 1};
	const input = Math.max(0, Math.min(inputHeight, rect.height - 2));
	const viewport: Rect = {x: rect.x, y: rect.y + 1, width: rect.width, height: Math.max(0, rect.height - 1 - input)};
	if (input === 0) return {title, viewport};
	return {title, viewport, input: {x: rect.x, y: rect.y + rect.height - input, width: rect.width, height: input}};
}
