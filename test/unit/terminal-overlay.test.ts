import assert from 'node:assert/strict';
import {test} from 'node:test';
import {FrameWriter} from '../../source/ui/terminal/frame-writer.js';
import {ScreenModel} from '../../source/ui/terminal/screen-model.js';
import {TranscriptOverlay} from '../../source/ui/terminal/transcript-overlay.js';

/** Ink's screen: a title row, blank placeholder rows, a status row. */
function inkScreen(): ScreenModel {
	const screen = new ScreenModel(6, 20);
	screen.apply('\u001B[1;1Htitle\u001B[6;1H\u001B[7mstatus\u001B[0m');
	return screen;
}

const lines = (frame: {readonly chars: readonly (readonly string[])[]}): string[] => frame.chars.map(row => row.join('').trimEnd());

test('viewport rows are painted over Ink\'s screen, which stays untouched', () => {
	const ink = inkScreen();
	const overlay = new TranscriptOverlay();
	overlay.set([{rect: {x: 0, y: 1, width: 20, height: 4}, rows: ['\u001B[32mhello\u001B[39m', 'world']}], []);
	const frame = overlay.compose(ink);
	assert.deepEqual(lines(frame), ['title', 'hello', 'world', '', '', 'status']);
	assert.notEqual(frame.styles[1]![0], '', 'the row keeps its colour');
	assert.deepEqual(lines(ink), ['title', '', '', '', '', 'status'], 'Ink\'s screen is not painted');
	assert.equal(frame.chars[0], ink.chars[0], 'rows outside viewports are shared, not copied');
});

test('a moved or removed viewport leaves no stale cells behind', () => {
	const ink = inkScreen();
	const overlay = new TranscriptOverlay();
	overlay.set([{rect: {x: 0, y: 1, width: 20, height: 4}, rows: ['a', 'b', 'c', 'd']}], []);
	assert.deepEqual(lines(overlay.compose(ink)).slice(1, 5), ['a', 'b', 'c', 'd']);
	overlay.set([{rect: {x: 10, y: 1, width: 10, height: 4}, rows: ['e']}], []);
	assert.deepEqual(lines(overlay.compose(ink)).slice(1, 5), ['          e', '', '', '']);
	overlay.set([], []);
	assert.deepEqual(lines(overlay.compose(ink)), lines(ink));
});

test('occluders (the confirm dialog) keep Ink\'s cells; a wide character cut by their edge is blanked', () => {
	const ink = inkScreen();
	ink.apply('\u001B[3;6H[dialog]');
	const overlay = new TranscriptOverlay();
	overlay.set([{rect: {x: 0, y: 1, width: 20, height: 4}, rows: ['x'.repeat(20), '漢字漢字漢字漢字漢字', 'y'.repeat(20)]}], [{x: 5, y: 2, width: 8, height: 1}]);
	const frame = overlay.compose(ink);
	assert.equal(lines(frame)[1], 'x'.repeat(20));
	assert.equal(lines(frame)[2], '漢字 [dialog] 字漢字', 'the dialog shows; the 漢 at 4–5 and 12–13 are cut and blanked');
	assert.equal(lines(frame)[3], 'y'.repeat(20));
});

test('only rows whose text changed are parsed again, and the writer sends only the changed row', () => {
	const ink = inkScreen();
	const overlay = new TranscriptOverlay();
	const writer = new FrameWriter(6, 20);
	const rows = ['one', 'two', 'three', 'four'];
	overlay.set([{rect: {x: 0, y: 1, width: 20, height: 4}, rows}], []);
	writer.render(overlay.compose(ink));
	overlay.set([{rect: {x: 0, y: 1, width: 20, height: 4}, rows: [...rows.slice(0, 3), 'FOUR']}], []);
	const bytes = writer.render(overlay.compose(ink));
	assert.match(bytes, /FOUR/);
	assert.doesNotMatch(bytes, /one|two|three/);
});
