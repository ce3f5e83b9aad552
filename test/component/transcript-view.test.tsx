import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import type {TranscriptEntry} from '../../source/model/types.js';
import {keepScrollPosition, searchMatches, totalLines} from '../../source/ui/transcript/layout-transcript.js';
import {TranscriptView} from '../../source/ui/transcript/transcript-view.js';

const ts = '2026-11-21T22:00:00.000Z';
const lineEntries = (count: number, from = 0): TranscriptEntry[] =>
	Array.from({length: count}, (_, i) => ({index: from + i, ts, kind: 'error', message: `L${from + i}`}));
/** SGR parameters set right before `word` (Ink may re-serialise `ESC[7;33m` as `ESC[7mESC[33m`). */
function codesBefore(line: string, word: string): string[] {
	const match = new RegExp(`((?:\u001B\\[[\\d;]*m)+)${word}`).exec(line);
	return (match?.[1] ?? '').split(/\u001B\[|m/).filter(Boolean).flatMap(code => code.split(';')).filter(code => !['22', '39', '27'].includes(code));
}

const rows = (frame: string | undefined) => stripAnsi(frame ?? '').split('\n');

test('renders exactly width×height, padding a short transcript', () => {
	const entries: TranscriptEntry[] = [
		{index: 0, ts, kind: 'prompt', text: 'hello'},
		{index: 1, ts, kind: 'agent-text', text: '**hi** there'},
		{index: 2, ts, kind: 'turn-end', stopReason: 'end_turn', ms: 1500},
	];
	const {lastFrame, unmount} = render(<TranscriptView entries={entries} width={40} height={8} scrollOffset={0} />);
	const lines = rows(lastFrame());
	assert.equal(lines.length, 8);
	assert.ok(lines.every(line => stringWidth(line) <= 40));
	assert.equal(lines[1], '❯ hello');
	assert.equal(lines[3], '  hi there');
	assert.match(lines[4] ?? '', /^── end_turn · 1\.5s ─+$/);
	assert.equal(lines[7]?.trim(), '');
	unmount();
});

test('wide content never overflows the pane', () => {
	const entries: TranscriptEntry[] = [{index: 0, ts, kind: 'agent-text', text: '中文中文中文中文中文中文中文中文中文 😀😀😀😀😀😀😀😀😀😀😀😀'}];
	const {lastFrame, unmount} = render(<TranscriptView entries={entries} width={13} height={6} scrollOffset={0} />);
	const lines = rows(lastFrame());
	assert.equal(lines.length, 6);
	assert.ok(lines.every(line => stringWidth(line) <= 13), JSON.stringify(lines));
	unmount();
});

test('scrolled up: shows the "↓ N more lines" marker and stays put while output streams', () => {
	let entries = lineEntries(40);
	let offset = 5;
	const view = (e: readonly TranscriptEntry[], o: number) => <TranscriptView entries={e} width={40} height={6} scrollOffset={o} />;
	const {lastFrame, rerender, unmount} = render(view(entries, offset));
	let lines = rows(lastFrame());
	assert.match(lines[0] ?? '', /L29$/);
	assert.match(lines[5] ?? '', /L34 +↓ 5 more lines $/);

	const oldTotal = totalLines(entries, 40);
	entries = [...entries, ...lineEntries(3, 40)];
	offset = keepScrollPosition(oldTotal, totalLines(entries, 40), offset);
	rerender(view(entries, offset));
	lines = rows(lastFrame());
	assert.match(lines[0] ?? '', /L29$/, 'the same lines after new output');
	assert.match(lines[5] ?? '', /↓ 8 more lines $/);

	rerender(view(entries, 0));
	lines = rows(lastFrame());
	assert.match(lines[5] ?? '', /L42$/);
	assert.ok(!lastFrame()?.includes('more lines'));
	unmount();
});

test('search matches are highlighted, the active one distinctly', () => {
	const entries: TranscriptEntry[] = [
		{index: 0, ts, kind: 'error', message: 'needle one'},
		{index: 1, ts, kind: 'error', message: 'hay'},
		{index: 2, ts, kind: 'error', message: 'Needle two'},
	];
	assert.deepEqual(searchMatches(entries, 30, 'needle'), [{line: 0}, {line: 2}]);
	const {lastFrame, unmount} = render(<TranscriptView entries={entries} width={30} height={3} scrollOffset={0} search={{query: 'needle', active: 1}} />);
	const frame = lastFrame() ?? '';
	const lines = frame.split('\n');
	const plainMatch = codesBefore(lines[0] ?? '', 'needle');
	const activeMatch = codesBefore(lines[2] ?? '', 'Needle');
	assert.ok(plainMatch.includes('7') && plainMatch.includes('33'), `match codes ${plainMatch.join(',')}`);
	assert.ok(activeMatch.includes('7') && activeMatch.includes('35'), `active codes ${activeMatch.join(',')}`);
	assert.doesNotMatch(lines[1] ?? '', /\u001B\[7m/);
	assert.deepEqual(rows(frame), ['✗ error: needle one', '✗ error: hay', '✗ error: Needle two']);
	unmount();
});
