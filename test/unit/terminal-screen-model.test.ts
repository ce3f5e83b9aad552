import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ScreenModel} from '../../source/ui/terminal/screen-model.js';
import {applySgr} from '../../source/ui/terminal/sgr.js';

const esc = '\u001B[';

test('interprets the cursor moves and erases Ink incremental frames use', () => {
	const screen = new ScreenModel(4, 10);
	// Full frame without trailing newline, as Ink writes in fullscreen mode.
	screen.apply('aaaa\nbbbb\ncccc\ndddd');
	assert.deepEqual(screen.lines(), ['aaaa', 'bbbb', 'cccc', 'dddd']);
	// Incremental: back to the top, skip row 0, rewrite row 1 from column 2, skip, rewrite last.
	screen.apply(`${esc}3A${esc}E${esc}3G${esc}KXY\n${esc}E${esc}1G${esc}Klast`);
	assert.deepEqual(screen.lines(), ['aaaa', 'bbXY', 'cccc', 'last']);
	// eraseLines(2) = EL2, CUU, EL2, CHA.
	screen.apply(`${esc}2K${esc}1A${esc}2K${esc}G`);
	assert.deepEqual(screen.lines(), ['aaaa', 'bbXY', '', '']);
	assert.deepEqual([screen.x, screen.y], [0, 2]);
	screen.apply(`${esc}1;1H${esc}J`);
	assert.deepEqual(screen.lines(), ['', '', '', '']);
});

test('line feed at the bottom scrolls, pending wrap and wide characters', () => {
	const screen = new ScreenModel(2, 4);
	screen.apply('abcdef');
	assert.deepEqual(screen.lines(), ['abcd', 'ef']);
	screen.apply('\nxy');
	assert.deepEqual(screen.lines(), ['ef', 'xy']);
	screen.apply(`${esc}1;1H漢字`);
	assert.deepEqual(screen.chars[0], ['漢', '', '字', '']);
	// Overwriting the right half of a wide character blanks its left half.
	screen.apply(`${esc}1;2Hz`);
	assert.deepEqual(screen.chars[0], [' ', 'z', '字', '']);
});

test('scroll regions, SU/SD and EL use the background of the current rendition', () => {
	const screen = new ScreenModel(4, 3);
	screen.apply('r0\nr1\nr2\nr3');
	screen.apply(`${esc}2;3r${esc}1S${esc}r`);
	assert.deepEqual(screen.lines(), ['r0', 'r2', '', 'r3']);
	assert.deepEqual([screen.x, screen.y], [0, 0]);
	screen.apply(`${esc}2;4r${esc}2T${esc}r`);
	assert.deepEqual(screen.lines(), ['r0', '', '', 'r2']);
	screen.apply(`${esc}1;44;1m${esc}4;2H${esc}K`);
	assert.deepEqual(screen.styles[3], ['', '44', '44']);
});

test('SGR state is canonical', () => {
	assert.equal(applySgr('', '1;31'), '1;31');
	assert.equal(applySgr(applySgr('', '31'), '1'), '1;31');
	assert.equal(applySgr('1;2;31', '22'), '31');
	assert.equal(applySgr('1;31', '39'), '1');
	assert.equal(applySgr('1;31', ''), '');
	assert.equal(applySgr('', '38;2;1;2;3;48;5;200'), '38;2;1;2;3;48;5;200');
	assert.equal(applySgr('38;5;9', '32'), '32');
	const screen = new ScreenModel(1, 5);
	screen.apply(`${esc}31ma${esc}39mb${esc}1;32mc${esc}0md`);
	assert.deepEqual(screen.styles[0], ['31', '', '1;32', '', '']);
});

test('mode sequences pass through, the model keeps its own, unknown ones are ignored', () => {
	const seen: string[] = [];
	const screen = new ScreenModel(2, 5, sequence => {
		seen.push(sequence);
	});
	screen.apply(`${esc}?1049h${esc}?25l${esc}?2026h${esc}?2004h${esc}>1u${esc}<u${esc}?u\u001B]0;title\u0007${esc}?25;1000h${esc}5Zok${esc}?2026l`);
	assert.deepEqual(seen, [`${esc}?1049h`, `${esc}?2004h`, `${esc}>1u`, `${esc}<u`, `${esc}?u`, '\u001B]0;title\u0007', `${esc}?1000h`]);
	assert.equal(screen.cursorVisible, true);
	assert.deepEqual(screen.lines(), ['ok', '']);
	// A sequence split across writes is completed by the next one.
	screen.apply(`${esc}2`);
	screen.apply(';3Hx');
	assert.equal(screen.chars[1]![2], 'x');
});

test('a passthrough handler can stop parsing after a sequence', () => {
	const screen = new ScreenModel(1, 5, sequence => (sequence.endsWith('1049l') ? 'stop' : undefined));
	const text = `ab${esc}?1049lcd`;
	const consumed = screen.apply(text);
	assert.equal(text.slice(consumed), 'cd');
	assert.deepEqual(screen.lines(), ['']);
});
