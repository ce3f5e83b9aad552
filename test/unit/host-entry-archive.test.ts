import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {openEntryArchive} from '../../source/host/entry-archive.js';
import type {TranscriptEntry} from '../../source/model/types.js';

const root = mkdtempSync(join(tmpdir(), 'agents-archive-'));
after(() => {
	rmSync(root, {recursive: true, force: true});
});

const text = (index: number, body: string): TranscriptEntry => ({index, ts: `2026-11-21T22:00:${String(index % 60).padStart(2, '0')}.000Z`, kind: 'agent-text', text: body, messageId: `m${index}`});

test('entries come back exactly, multi-byte text included, in index order, across batches', () => {
	const lines: string[] = [];
	const archive = openEntryArchive(join(root, 'a', 'one.entries'), line => lines.push(line));
	assert.ok(archive);
	const entries = Array.from({length: 3000}, (_, index) => text(index, index % 7 === 0 ? `ünïcödé ✓ 日本語 ${index}\n🙂` : `entry ${index}`));
	for (let start = 0; start < entries.length; start += 250) assert.equal(archive.put(entries.slice(start, start + 250)), true);
	assert.deepEqual(archive.read(0, 3000), entries);
	assert.deepEqual(archive.read(1234, 1240), entries.slice(1234, 1240));
	assert.deepEqual(archive.read(2990, 5000), entries.slice(2990));
	assert.deepEqual(archive.read(-5, 2), entries.slice(0, 2));
	assert.deepEqual(archive.read(10, 10), []);
	assert.ok(archive.bytes > 3000 * 20);
	assert.deepEqual(lines, []);
	archive.close();
});

test('the file is gone from the directory at once (a cache of memory, never a log), yet readable', () => {
	const directory = join(root, 'b');
	const archive = openEntryArchive(join(directory, 'two.entries'), () => undefined);
	assert.ok(archive);
	assert.deepEqual(readdirSync(directory), []);
	archive.put([text(0, 'kept on an unlinked file')]);
	assert.equal(archive.read(0, 1)[0]?.kind, 'agent-text');
	archive.close();
	assert.deepEqual(archive.read(0, 1), [], 'reads after close return nothing rather than throw');
	assert.equal(archive.put([text(1, 'late')]), false);
});

test('storing an index again replaces it; indexes never stored are left out', () => {
	const archive = openEntryArchive(join(root, 'c', 'three.entries'), () => undefined)!;
	archive.put([text(0, 'zero'), text(2, 'two'), text(5, 'five')]);
	archive.put([text(2, 'two, revised and longer')]);
	assert.deepEqual(archive.read(0, 10).map(entry => entry.kind === 'agent-text' ? entry.text : ''), ['zero', 'two, revised and longer', 'five']);
	archive.close();
});

test('a directory that cannot be made gives no archive (entries stay in memory) and says why in the host log', () => {
	// A regular file where the directory should be: fails for root too (ENOTDIR/EEXIST), unlike permission bits.
	const blocker = join(root, 'blocker');
	writeFileSync(blocker, '');
	const lines: string[] = [];
	assert.equal(openEntryArchive(join(blocker, 'sub', 'x.entries'), line => lines.push(line)), undefined);
	assert.match(lines[0] ?? '', /transcript archive unavailable/);
});
