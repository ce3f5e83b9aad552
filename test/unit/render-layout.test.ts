import assert from 'node:assert/strict';
import {test} from 'node:test';
import stripAnsi from 'strip-ansi';
import wrapAnsi from 'wrap-ansi';
import type {TranscriptEntry} from '../../source/model/types.js';
import {wrapPlainWords} from '../../source/ui/transcript/text.js';
import {
	entryLines,
	keepScrollPosition,
	layoutStats,
	scrollOffsetForLine,
	searchMatches,
	totalLines,
	visibleLines,
} from '../../source/ui/transcript/layout-transcript.js';

const ts = '2026-11-21T22:00:00.000Z';
/** Each error entry renders as exactly one line: "✗ error: L<i>". */
const lineEntries = (count: number, from = 0): TranscriptEntry[] =>
	Array.from({length: count}, (_, i) => ({index: from + i, ts, kind: 'error', message: `L${from + i}`}));
const plain = (lines: readonly string[]) => lines.map(line => stripAnsi(line).replace('✗ error: ', ''));

test('visibleLines shows the tail at offset 0 and scrolled views above it', () => {
	const entries = lineEntries(100);
	const tail = visibleLines(entries, 40, 5, 0);
	assert.deepEqual(plain(tail.lines), ['L95', 'L96', 'L97', 'L98', 'L99']);
	assert.equal(tail.scrollOffset, 0);
	assert.equal(tail.total, 100);
	const scrolled = visibleLines(entries, 40, 5, 10);
	assert.deepEqual(plain(scrolled.lines), ['L85', 'L86', 'L87', 'L88', 'L89']);
	assert.equal(scrolled.scrollOffset, 10);
});

test('visibleLines clamps the offset at the top and for short transcripts', () => {
	const entries = lineEntries(20);
	const top = visibleLines(entries, 40, 5, 1000);
	assert.equal(top.scrollOffset, 15);
	assert.deepEqual(plain(top.lines), ['L0', 'L1', 'L2', 'L3', 'L4']);
	const short = visibleLines(lineEntries(3), 40, 5, 7);
	assert.equal(short.scrollOffset, 0);
	assert.deepEqual(plain(short.lines), ['L0', 'L1', 'L2']);
	assert.deepEqual(visibleLines([], 40, 5, 3).lines, []);
	assert.equal(visibleLines(entries, 40, 5, -4).scrollOffset, 0);
});

test('multi-line entries are sliced in the middle correctly', () => {
	const entries: TranscriptEntry[] = [
		{index: 0, ts, kind: 'agent-text', text: 'a1\na2\na3\na4'},
		{index: 1, ts, kind: 'agent-text', text: 'b1\nb2\nb3'},
	];
	// Lines: '', a1..a4, '', b1..b3 (9 total); offset 2 hides b2 and b3.
	const view = visibleLines(entries, 20, 4, 2, {color: false});
	assert.deepEqual(view.lines, ['  a3', '  a4', '', '  b1']);
	assert.equal(totalLines(entries, 20, {color: false}), 9);
	assert.deepEqual(visibleLines(entries, 20, 4, 3, {color: false}).lines, ['  a2', '  a3', '  a4', '']);
});

test('a scrolled-up view stays put when entries are appended', () => {
	let entries = lineEntries(50);
	const before = visibleLines(entries, 40, 6, 12);
	const oldTotal = totalLines(entries, 40);
	entries = [...entries, ...lineEntries(7, 50)];
	const offset = keepScrollPosition(oldTotal, totalLines(entries, 40), before.scrollOffset);
	assert.equal(offset, 19);
	assert.deepEqual(visibleLines(entries, 40, 6, offset).lines, before.lines);
	// A view at the tail keeps following it.
	assert.equal(keepScrollPosition(50, 57, 0), 0);
	assert.equal(keepScrollPosition(50, 40, 5), 0);
});

test('the wrap cache lays out only the viewport and never re-renders unchanged entries', () => {
	const entries = lineEntries(5000);
	const start = layoutStats().renders;
	const first = visibleLines(entries, 160, 48, 0);
	const firstRenders = layoutStats().renders - start;
	assert.equal(first.lines.length, 48);
	assert.ok(firstRenders <= 48, `laid out ${firstRenders} entries for a 48-row viewport`);

	const again = layoutStats().renders;
	visibleLines(entries, 160, 48, 0);
	visibleLines(entries, 160, 48, 10);
	assert.equal(layoutStats().renders - again, 10, 'only the 10 newly exposed entries are rendered');

	// Streaming: the reducer replaces the last entry with a new object; only that one is re-rendered.
	const replaced = [...entries.slice(0, -1), {...entries.at(-1)!, message: 'L4999 more'} as TranscriptEntry];
	const beforeStream = layoutStats().renders;
	visibleLines(replaced, 160, 48, 0);
	assert.equal(layoutStats().renders - beforeStream, 1);

	// A different width is a different layout.
	const beforeResize = layoutStats().renders;
	visibleLines(replaced, 100, 48, 0);
	assert.equal(layoutStats().renders - beforeResize, 48);

	// Reading `total` lays out everything once; afterwards totals come from the cache.
	const beforeTotal = layoutStats().renders;
	assert.equal(totalLines(replaced, 160), 5000);
	assert.equal(layoutStats().renders - beforeTotal, 5000 - 58);
	const cached = layoutStats().renders;
	assert.equal(visibleLines([...replaced], 160, 48, 0).total, 5000);
	assert.equal(layoutStats().renders, cached);
});

test('searchMatches returns absolute line numbers, case-insensitively', () => {
	const entries: TranscriptEntry[] = [
		{index: 0, ts, kind: 'prompt', text: 'Find the Needle'},
		{index: 1, ts, kind: 'agent-text', text: 'hay\nneedle here\nhay'},
	];
	assert.deepEqual(searchMatches(entries, 40, 'needle'), [{line: 1}, {line: 4}]);
	assert.deepEqual(searchMatches(entries, 40, ''), []);
	assert.deepEqual(searchMatches(entries, 40, 'absent'), []);
	assert.equal(entryLines(entries[1]!, 40).length, 4);
});

test('scrollOffsetForLine centres a line and clamps', () => {
	assert.equal(scrollOffsetForLine(50, 100, 10), 45);
	assert.deepEqual(plain(visibleLines(lineEntries(100), 40, 10, 45).lines)[5], 'L50');
	assert.equal(scrollOffsetForLine(0, 100, 10), 90);
	assert.equal(scrollOffsetForLine(99, 100, 10), 0);
	assert.equal(scrollOffsetForLine(2, 5, 10), 0);
});

test('the plain-words wrap fast path wraps exactly as wrap-ansi does (random texts and widths)', () => {
	let seed = 42;
	const random = (n: number): number => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed % n;
	};
	const letters = 'abcdefghijklmnopqrstuvwxyz0123456789.,;:!?()-_/';
	let fast = 0;
	for (let sample = 0; sample < 3000; sample++) {
		const words = Array.from({length: 1 + random(40)}, () => Array.from({length: 1 + random(14)}, () => letters[random(letters.length)]).join(''));
		const separators = () => (random(10) === 0 ? '  ' : ' ');
		let text = words.map((word, index) => (index === 0 ? word : `${separators()}${word}`)).join('');
		if (random(4) === 0) text = ` ${text}`;
		if (random(3) === 0) text = `${text} `;
		const width = 1 + random(40);
		const expected = wrapAnsi(text, width, {hard: true, trim: true, wordWrap: true}).split('\n');
		const actual = wrapPlainWords(text, width);
		if (actual === undefined) continue;
		fast++;
		assert.deepEqual(actual, expected, JSON.stringify({text, width}));
	}
	assert.ok(fast > 300, `the fast path took ${fast} of 3000 samples`);
});

test('a growing text is wrapped from its last row on, with exactly the rows a fresh wrap gives', () => {
	let seed = 7;
	const random = (n: number): number => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed % n;
	};
	for (const width of [9, 23, 80]) {
		let text = '';
		for (let step = 0; step < 400; step++) {
			// Streamed chunks: sometimes a word and a space, sometimes half a word.
			const word = Array.from({length: 1 + random(8)}, () => 'abcdefghij'[random(10)]).join('');
			text += random(3) === 0 ? word : `${word} `;
			const expected = wrapAnsi(text, width, {hard: true, trim: true, wordWrap: true}).split('\n');
			assert.deepEqual(wrapPlainWords(text, width), expected, `width ${width}, step ${step}`);
		}
		// Another text of the same width in between (a second pane) does not disturb either.
		assert.deepEqual(wrapPlainWords('other pane text', width), wrapAnsi('other pane text', width, {hard: true, trim: true, wordWrap: true}).split('\n'));
		assert.deepEqual(wrapPlainWords(`${text}tail`, width), wrapAnsi(`${text}tail`, width, {hard: true, trim: true, wordWrap: true}).split('\n'));
	}
});
