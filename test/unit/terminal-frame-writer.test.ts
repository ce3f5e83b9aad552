import assert from 'node:assert/strict';
import {test} from 'node:test';
import {FrameWriter, type ScrollRect} from '../../source/ui/terminal/frame-writer.js';
import {ScreenModel} from '../../source/ui/terminal/screen-model.js';

const esc = '\u001B[';

/** A small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D2B79F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function assertSameScreen(actual: ScreenModel, expected: ScreenModel, context: string): void {
	for (let y = 0; y < expected.rows; y++) {
		assert.deepEqual(actual.chars[y], expected.chars[y], `${context}: chars of row ${y}`);
		assert.deepEqual(actual.styles[y], expected.styles[y], `${context}: styles of row ${y}`);
	}
}

const pieces = ['a', 'bc', 'hello', ' ', '  ', '漢', '字字', '🙂', 'é', 'xyz ', '─'];
const styles = ['0', '1', '31', '1;32', '7', '44', '38;5;202', '38;2;10;20;30', '22', '39', '49', '2;3;4', '9'];

/** Mutate a frame the way a TUI does: styled text at random places, erases, and scrolls of random regions. */
function mutate(frame: ScreenModel, next: () => number, regions: readonly ScrollRect[]): void {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
	const operations = 1 + Math.floor(next() * 12);
	for (let index = 0; index < operations; index++) {
		const choice = next();
		if (choice < 0.25 && regions.length > 0) {
			const region = pick(regions);
			const k = 1 + Math.floor(next() * Math.max(1, region.height - 1));
			frame.apply(`${esc}0m${esc}${region.y + 1};${region.y + region.height}r${esc}${k}${next() < 0.8 ? 'S' : 'T'}${esc}r`);
			// New text in the scrolled-in rows, as a streaming pane shows.
			frame.apply(`${esc}${region.y + region.height};1H${esc}${pick(styles)}m${pick(pieces)}${pick(pieces)}`);
		} else if (choice < 0.85) {
			frame.apply(`${esc}${1 + Math.floor(next() * frame.rows)};${1 + Math.floor(next() * frame.cols)}H${esc}${pick(styles)}m${pick(pieces)}`);
		} else if (choice < 0.95) {
			frame.apply(`${esc}${1 + Math.floor(next() * frame.rows)};${1 + Math.floor(next() * frame.cols)}H${esc}${pick(styles)}m${esc}K`);
		} else {
			frame.apply(`${esc}0m${esc}${1 + Math.floor(next() * frame.rows)}H${esc}2K`);
		}
	}
	frame.apply(`${esc}0m`);
}

test('property: the writer output turns the terminal into exactly the frame (random frames, wide chars, SGR, scrolls)', () => {
	let scrolled = 0;
	for (let seed = 1; seed <= 60; seed++) {
		const next = random(seed);
		const rows = 3 + Math.floor(next() * 10);
		const cols = 4 + Math.floor(next() * 30);
		const top = Math.floor(next() * (rows - 2));
		const region: ScrollRect = {x: 0, y: top, width: cols, height: 2 + Math.floor(next() * (rows - top - 1))};
		const narrow: ScrollRect = {x: 1, y: 0, width: Math.max(1, cols - 2), height: rows};
		const frame = new ScreenModel(rows, cols);
		const terminal = new ScreenModel(rows, cols);
		const writer = new FrameWriter(rows, cols);
		for (let step = 0; step < 40; step++) {
			mutate(frame, next, [region]);
			const hints = next() < 0.8 ? [region, narrow] : [];
			const output = writer.render(frame, hints);
			if (/\u001B\[\d+;\d+r/.test(output)) scrolled++;
			terminal.apply(output);
			assertSameScreen(terminal, frame, `seed ${seed} step ${step}`);
		}
		assert.equal(writer.render(frame, [region]), '', 'an unchanged frame writes nothing');
	}
	// The random scrolls must exercise the region-scroll path, not only the span path.
	assert.ok(scrolled > 50, `region scrolls used: ${scrolled}`);
});

test('a full-width viewport that moved up one line costs a region scroll plus the new line', () => {
	const rows = 48;
	const cols = 160;
	const frame = new ScreenModel(rows, cols);
	const terminal = new ScreenModel(rows, cols);
	const writer = new FrameWriter(rows, cols);
	const viewport: ScrollRect = {x: 0, y: 1, width: cols, height: 44};
	const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit'];
	const line = (n: number): string => `${esc}36mchunk ${n}${esc}39m ${Array.from({length: 20}, (_, index) => words[(n * 7 + index * 3) % words.length]).join(' ')}`.slice(0, 150);
	const draw = (first: number): void => {
		frame.apply(`${esc}H${esc}1mtitle${esc}22m`);
		for (let row = 0; row < viewport.height; row++) frame.apply(`${esc}${row + 2};1H${esc}K${line(first + row)}`);
		frame.apply(`${esc}48;1Hstatus ${first}`);
	};
	draw(0);
	const full = writer.render(frame, [viewport]);
	terminal.apply(full);
	draw(1);
	const update = writer.render(frame, [viewport]);
	terminal.apply(update);
	assertSameScreen(terminal, frame, 'after the scroll');
	assert.ok(update.includes(`${esc}2;45r${esc}1S${esc}r`), 'scrolls the viewport region');
	assert.ok(update.length < 400, `one new line and the status, not every row (${update.length} bytes)`);
	assert.ok(update.startsWith(`${esc}?2026h`) && update.endsWith(`${esc}?2026l`), 'synchronized output');
	// Without the hint, the same change costs the rewritten rows.
	const plain = new FrameWriter(rows, cols);
	const plainTerminal = new ScreenModel(rows, cols);
	draw(0);
	plainTerminal.apply(plain.render(frame));
	draw(1);
	const rewrite = plain.render(frame);
	plainTerminal.apply(rewrite);
	assertSameScreen(plainTerminal, frame, 'without hints');
	assert.ok(rewrite.length > 10 * update.length, `${rewrite.length} vs ${update.length}`);
});

test('changed spans: a change in one half of a row does not rewrite the other half', () => {
	const frame = new ScreenModel(2, 80);
	const writer = new FrameWriter(2, 80);
	frame.apply(`${'L'.repeat(39)}│${'R'.repeat(40)}`);
	const terminal = new ScreenModel(2, 80);
	terminal.apply(writer.render(frame));
	frame.apply(`${esc}1;70Hxx`);
	const update = writer.render(frame);
	terminal.apply(update);
	assertSameScreen(terminal, frame, 'span');
	assert.ok(!update.includes('L'), 'the left half is untouched');
	assert.ok(update.includes(`${esc}1;70Hxx`));
});

test('a visible cursor is placed and shown after the frame; reset forces a full redraw', () => {
	const frame = new ScreenModel(3, 10);
	const writer = new FrameWriter(3, 10);
	frame.apply(`hi${esc}2;4H`);
	const first = writer.render(frame);
	assert.ok(first.endsWith(`${esc}2;4H${esc}?25h${esc}?2026l`));
	frame.apply(`${esc}?25l`);
	assert.equal(writer.render(frame), `${esc}?2026h${esc}?25l${esc}?2026l`);
	writer.reset(3, 10);
	const terminal = new ScreenModel(3, 10);
	terminal.apply('garbage everywhere');
	terminal.apply(writer.render(frame));
	assertSameScreen(terminal, frame, 'after reset');
});
