import assert from 'node:assert/strict';
import {test} from 'node:test';
import {LineSplitter} from '../../source/ipc/line-splitter.js';
import {fitToLine, truncateUtf8} from '../../source/ipc/fit-to-line.js';

function collect(maxBytes: number): {lines: string[]; overflows: number[]; splitter: LineSplitter} {
	const lines: string[] = [];
	const overflows: number[] = [];
	const splitter = new LineSplitter({maxBytes, onLine: line => lines.push(line), onOverflow: bytes => overflows.push(bytes)});
	return {lines, overflows, splitter};
}

test('line splitter joins lines across chunks and drops empty lines and CR', () => {
	const {lines, splitter} = collect(100);
	splitter.push(Buffer.from('{"a":1}\n{"b"'));
	splitter.push(Buffer.from(':2}\r\n\n'));
	splitter.push(Buffer.from('{"c":3}'));
	assert.deepEqual(lines, ['{"a":1}', '{"b":2}']);
	splitter.push(Buffer.from('\n'));
	assert.deepEqual(lines, ['{"a":1}', '{"b":2}', '{"c":3}']);
});

test('line splitter keeps multi-byte characters split across chunks intact', () => {
	const {lines, splitter} = collect(100);
	const bytes = Buffer.from('"héllo ✓"\n');
	splitter.push(bytes.subarray(0, 3));
	splitter.push(bytes.subarray(3, 9));
	splitter.push(bytes.subarray(9));
	assert.deepEqual(lines, ['"héllo ✓"']);
});

test('line splitter overflows once past the cap, before the newline arrives, and ignores the rest', () => {
	const {lines, overflows, splitter} = collect(10);
	splitter.push(Buffer.from('0123456789\n'));
	splitter.push(Buffer.from('01234'));
	splitter.push(Buffer.from('567890'));
	assert.deepEqual(lines, ['0123456789']);
	assert.equal(overflows.length, 1);
	assert.ok((overflows[0] ?? 0) > 10);
	assert.equal(splitter.overflowed, true);
	splitter.push(Buffer.from('\n{"x":1}\n'));
	assert.deepEqual(lines, ['0123456789']);
	assert.equal(overflows.length, 1);
});

test('fitToLine leaves small values alone', () => {
	const value = {a: 'x', b: [1, 2]};
	const fitted = fitToLine(value, 100);
	assert.ok(fitted);
	assert.equal(fitted.value, value);
	assert.equal(fitted.truncatedBytes, 0);
	assert.equal(fitted.line, JSON.stringify(value));
});

test('fitToLine truncates the largest string with a marker and fits the cap', () => {
	const big = 'a'.repeat(5000);
	const value = {seq: 7, params: {small: 'keep me', text: big, other: 'b'.repeat(300)}};
	const fitted = fitToLine(value, 1000);
	assert.ok(fitted);
	assert.ok(Buffer.byteLength(fitted.line) <= 1000);
	assert.equal(fitted.line, JSON.stringify(fitted.value));
	assert.equal(fitted.value.seq, 7);
	assert.equal(fitted.value.params.small, 'keep me');
	assert.match(fitted.value.params.text, /^a+… \[\d+ bytes truncated; full text in the log\]$/);
	const removed = Number(/\[(\d+) bytes/.exec(fitted.value.params.text)?.[1]);
	assert.equal(fitted.value.params.text.indexOf('…'), 5000 - removed);
	assert.ok(fitted.truncatedBytes >= 4000);
	assert.equal(value.params.text, big, 'input not mutated');
});

test('fitToLine handles strings that expand when escaped and multi-byte text', () => {
	const value = {quotes: '"\n'.repeat(3000), emoji: '✓'.repeat(2000)};
	const fitted = fitToLine(value, 2000);
	assert.ok(fitted);
	assert.ok(Buffer.byteLength(fitted.line) <= 2000);
	assert.doesNotMatch(fitted.line, /\uFFFD/);
	assert.deepEqual(JSON.parse(fitted.line), fitted.value);
});

test('fitToLine gives up when no string can be shortened enough', () => {
	assert.equal(fitToLine({numbers: Array.from({length: 1000}, (_, i) => i)}, 200), undefined);
});

test('truncateUtf8 never splits a code point', () => {
	assert.equal(truncateUtf8('a✓b', 2), 'a');
	assert.equal(truncateUtf8('a✓b', 4), 'a✓');
	assert.equal(truncateUtf8('abc', 10), 'abc');
	assert.equal(truncateUtf8('abc', 0), '');
});

test('fitToLine fits a message made of many medium strings (a snapshot of 200 entries)', () => {
	const value = {entries: Array.from({length: 200}, (_, index) => ({index, text: `${index} ${'x'.repeat(20_000)}`}))};
	const fitted = fitToLine(value, 100_000);
	assert.ok(fitted);
	assert.ok(Buffer.byteLength(fitted.line) <= 100_000);
	assert.equal(fitted.value.entries.length, 200);
	assert.ok(fitted.value.entries.every((entry, index) => entry.index === index && entry.text.startsWith(`${index} x`) && entry.text.endsWith('full text in the log]')));
});
