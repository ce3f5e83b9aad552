import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	closePane, focusDirection, focusNext, initialLayout, minimumSize, paneOrder, paneParts, paneRects, replaceSession,
	setPaneSession, splitPane, toggleZoom, type LayoutRects, type PaneRect,
} from '../../source/ui/layout/pane-tree.js';

const size = {width: 160, height: 48};

function panesOf(rects: LayoutRects): readonly PaneRect[] {
	assert.equal(rects.tooSmall, false);
	return rects.tooSmall ? [] : rects.panes;
}

test('one pane fills everything above the status line', () => {
	const rects = paneRects(initialLayout('s1'), size);
	assert.deepEqual(panesOf(rects), [{id: 0, x: 0, y: 0, width: 160, height: 47}]);
	assert.ok(!rects.tooSmall && rects.status.y === 47 && rects.status.height === 1);
});

test('% splits left/right with a divider, " splits top/bottom, the new pane has focus', () => {
	let state = splitPane(initialLayout('s1'), 'row', 's2');
	assert.equal(state.focused, 1);
	assert.equal(state.panes.get(1)?.sessionId, 's2');
	let rects = paneRects(state, size);
	assert.deepEqual(panesOf(rects).map(({id, x, width, height}) => ({id, x, width, height})), [
		{id: 0, x: 0, width: 80, height: 47},
		{id: 1, x: 81, width: 79, height: 47},
	]);
	assert.ok(!rects.tooSmall && rects.dividers.length === 1 && rects.dividers[0]!.x === 80);
	state = splitPane(state, 'column');
	rects = paneRects(state, size);
	const panes = panesOf(rects);
	assert.deepEqual(panes.map(({id, x, y, height}) => ({id, x, y, height})), [
		{id: 0, x: 0, y: 0, height: 47},
		{id: 1, x: 81, y: 0, height: 24},
		{id: 2, x: 81, y: 24, height: 23},
	]);
	// Tiles never overlap and never leave the area: total area = panes + dividers.
	const area = panes.reduce((sum, pane) => sum + pane.width * pane.height, 0) + 47;
	assert.equal(area, 160 * 47);
});

test('splits that would make panes too small are refused', () => {
	let state = initialLayout('s');
	for (let i = 0; i < 6; i++) state = splitPane(state, 'row', undefined, {width: 80, height: 24});
	// 80 wide: one split gives 39 + 40, a second 19 — refused.
	assert.equal(paneOrder(state.root).length, 2);
	let tall = initialLayout('s');
	for (let i = 0; i < 6; i++) tall = splitPane(tall, 'column', undefined, {width: 80, height: 24});
	assert.equal(paneOrder(tall.root).length, 3);
});

test('zoom gives the focused pane the whole area, and splitting or focus moves unzoom', () => {
	const split = splitPane(splitPane(initialLayout('a'), 'row'), 'column');
	const zoomed = toggleZoom(split);
	assert.equal(zoomed.zoomed, true);
	assert.deepEqual(panesOf(paneRects(zoomed, size)), [{id: split.focused, x: 0, y: 0, width: 160, height: 47}]);
	assert.equal(toggleZoom(zoomed).zoomed, false);
	assert.equal(focusNext(zoomed).zoomed, false);
	assert.equal(splitPane(zoomed, 'row').zoomed, false);
	// A lone pane cannot zoom.
	assert.equal(toggleZoom(initialLayout()).zoomed, false);
});

test('resize keeps proportions and the minimum size gives a too-small notice', () => {
	const state = splitPane(initialLayout('a'), 'row');
	const small = panesOf(paneRects(state, {width: 100, height: 30}));
	assert.deepEqual(small.map(pane => pane.width), [50, 49]);
	assert.equal(small[0]!.height, 29);
	assert.deepEqual(paneRects(state, {width: 79, height: 30}), {tooSmall: true, width: 79, height: 30});
	assert.equal(paneRects(state, {width: 80, height: 23}).tooSmall, true);
	assert.equal(paneRects(state, minimumSize).tooSmall, false);
});

test('focus next wraps in reading order; directions pick the overlapping neighbour', () => {
	// [0 | [1 / 2]]
	let state = splitPane(splitPane(initialLayout('a'), 'row'), 'column');
	assert.equal(state.focused, 2);
	assert.equal(focusNext(state).focused, 0);
	assert.equal(focusNext(state, -1).focused, 1);
	assert.equal(focusDirection(state, 'up', size).focused, 1);
	assert.equal(focusDirection(state, 'left', size).focused, 0);
	assert.equal(focusDirection(state, 'right', size).focused, 2);
	state = focusDirection(state, 'left', size);
	assert.equal(focusDirection(state, 'right', size).focused, 1);
	assert.equal(focusDirection(state, 'left', size).focused, 0);
});

test('close gives the space to the sibling and focus to the previous pane; the last pane stays', () => {
	const state = splitPane(splitPane(initialLayout('a'), 'row', 'b'), 'column', 'c');
	const closed = closePane(state);
	assert.deepEqual(paneOrder(closed.root), [0, 1]);
	assert.equal(closed.focused, 1);
	assert.equal(closed.panes.has(2), false);
	assert.deepEqual(panesOf(paneRects(closed, size))[1], {id: 1, x: 81, y: 0, width: 79, height: 47});
	const single = closePane(closePane(closed));
	assert.deepEqual(paneOrder(single.root), [0]);
	assert.equal(closePane(single), single);
});

test('pane sessions can be rebound and replaced when a session goes away', () => {
	let state = splitPane(initialLayout('a'), 'row', 'a');
	state = setPaneSession(state, 0, 'b');
	assert.equal(state.panes.get(0)?.sessionId, 'b');
	state = replaceSession(state, 'a', 'b');
	assert.equal(state.panes.get(1)?.sessionId, 'b');
	state = replaceSession(state, 'b', undefined);
	assert.equal(state.panes.get(0)?.sessionId, undefined);
});

test('pane parts: title row, viewport, input only when asked, never negative', () => {
	const parts = paneParts({x: 0, y: 0, width: 80, height: 20}, 3);
	assert.deepEqual(parts.title, {x: 0, y: 0, width: 80, height: 1});
	assert.deepEqual(parts.viewport, {x: 0, y: 1, width: 80, height: 16});
	assert.deepEqual(parts.input, {x: 0, y: 17, width: 80, height: 3});
	assert.equal(paneParts({x: 0, y: 0, width: 80, height: 20}, 0).input, undefined);
	const tiny = paneParts({x: 0, y: 0, width: 80, height: 3}, 10);
	assert.equal(tiny.viewport.height + (tiny.input?.height ?? 0) + 1, 3);
});
