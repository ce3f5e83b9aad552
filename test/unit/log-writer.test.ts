import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, test} from 'node:test';
import {writeFileAtomic} from '../../source/log/atomic-write.js';
import {readLogFile, readLogRecords} from '../../source/log/session-log-reader.js';
import {openSessionLog, sessionLogPath, sideDirectory} from '../../source/log/session-log-writer.js';
import type {LogRecord} from '../../source/model/log-record.js';

const root = mkdtempSync(join(tmpdir(), 'agents-log-writer-'));
after(() => rmSync(root, {recursive: true, force: true}));
let counter = 0;
function environment(): NodeJS.ProcessEnv {
	return {AGENTS_STATE_DIR: join(root, `state-${++counter}`)};
}

const created = new Date('2026-11-21T22:10:46.500Z');
const hostId = 'velox.proj.demo.1763762400';

test('path, modes and every record in order with contiguous seq', async () => {
	const env = environment();
	const writer = openSessionLog({hostId, sessionId: 'sess/1', created, env});
	assert.equal(writer.path, join(env['AGENTS_STATE_DIR']!, 'sessions', hostId, 'sess-1-20261121T221046Z.jsonl'));
	assert.equal(writer.path, sessionLogPath(hostId, 'sess/1', created, env));
	writer.append({type: 'session-start', cwd: '/w', agent: 'demo', mcpServers: []});
	for (let index = 0; index < 500; index++) writer.append({type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: `chunk ${index}\nline`}}});
	writer.append({type: 'turn-end', stopReason: 'end_turn', ms: 12});
	writer.close();
	assert.equal(statSync(writer.path).mode & 0o777, 0o600);
	assert.equal(statSync(dirname(writer.path)).mode & 0o777, 0o700);
	const {records, stats} = await readLogFile(writer.path);
	assert.deepEqual(stats, {records: 502, skippedCorrupt: 0, skippedPartial: 0});
	assert.deepEqual(records.map(record => record.seq), Array.from({length: 502}, (_, index) => index + 1));
	for (const record of records) {
		assert.equal(record.v, 1);
		assert.equal(record.host, hostId);
		assert.equal(record.session, 'sess/1');
		assert.ok(!Number.isNaN(Date.parse(record.ts)));
	}

	const chunk = records[10] as LogRecord & {type: 'update'};
	assert.deepEqual(chunk.update, {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'chunk 9\nline'}});
	assert.equal(readFileSync(writer.path, 'utf8').split('\n').length, 503);
});

test('reopening continues seq; a torn tail is moved to .torn and cut', async () => {
	const env = environment();
	const first = openSessionLog({hostId, sessionId: 's2', created, env});
	first.append({type: 'prompt', text: 'one'});
	first.append({type: 'prompt', text: 'two'});
	first.close();
	appendFileSync(first.path, '{"v":1,"seq":3,"ts":"x","type":"prom');
	const second = openSessionLog({hostId, sessionId: 's2', created, env});
	assert.equal(readFileSync(`${first.path}.torn`, 'utf8'), '{"v":1,"seq":3,"ts":"x","type":"prom');
	assert.ok(readFileSync(first.path, 'utf8').endsWith('}\n'));
	second.append({type: 'prompt', text: 'three'});
	second.close();
	const {records} = await readLogFile(first.path);
	assert.deepEqual(records.map(record => [record.seq, record.type === 'prompt' ? record.text : '']), [[1, 'one'], [2, 'two'], [3, 'three']]);
});

test('reopen skips an unparsable last line when finding the last seq', async () => {
	const env = environment();
	const first = openSessionLog({hostId, sessionId: 's3', created, env});
	first.append({type: 'prompt', text: 'one'});
	first.close();
	appendFileSync(first.path, 'garbage\n');
	const second = openSessionLog({hostId, sessionId: 's3', created, env});
	second.append({type: 'prompt', text: 'two'});
	second.close();
	const {records, stats} = await readLogFile(first.path);
	assert.deepEqual(records.map(record => record.seq), [1, 2]);
	assert.equal(stats.skippedCorrupt, 1);
});

test('a 10 MB message goes to a side file written before the line and reads back equal', async () => {
	const env = environment();
	const writer = openSessionLog({hostId, sessionId: 's4', created, env});
	const big = 'x'.repeat(10 * 1024 * 1024) + 'é';
	const update = {sessionUpdate: 'tool_call_update', toolCallId: 'c1', status: 'completed', content: [{type: 'content', content: {type: 'text', text: big}}]};
	writer.append({type: 'prompt', text: 'hi'});
	writer.append({type: 'update', update});
	writer.append({type: 'prompt', text: big});
	writer.close();
	const lines = readFileSync(writer.path, 'utf8').split('\n');
	assert.ok(lines.every(line => line.length < 4096), 'the log lines stay small');
	const raw = JSON.parse(lines[1]!) as {update: {$side: string; bytes: number; sha256: string}; seq: number};
	assert.equal(raw.seq, 2);
	const sidePath = join(dirname(writer.path), raw.update.$side);
	assert.ok(sidePath.startsWith(sideDirectory(writer.path) + '/'));
	const sideBytes = readFileSync(sidePath);
	assert.equal(raw.update.bytes, sideBytes.length);
	assert.equal(raw.update.sha256, createHash('sha256').update(sideBytes).digest('hex'));
	assert.equal(statSync(sidePath).mode & 0o777, 0o600);
	const {records} = await readLogFile(writer.path);
	assert.deepEqual((records[1] as {update: unknown}).update, update);
	assert.equal((records[2] as {text: string}).text, big);
	const unresolved: LogRecord[] = [];
	for await (const record of readLogRecords(writer.path, {resolveSideFiles: false})) unresolved.push(record);
	assert.equal(((unresolved[2] as {text: unknown}).text as {$side: string}).$side.endsWith('.json'), true);
});

test('writing to a full device degrades once, never throws, and leaves nothing torn', async () => {
	if (!existsSync('/dev/full')) return assert.fail('/dev/full is needed for this test');
	const env = environment();
	const path = sessionLogPath(hostId, 's5', created, env);
	mkdirSync(dirname(path), {recursive: true});
	symlinkSync('/dev/full', path);
	const errors: Error[] = [];
	const writer = openSessionLog({hostId, sessionId: 's5', created, env, onDegraded: error => errors.push(error)});
	assert.equal(writer.degraded, false);
	writer.append({type: 'prompt', text: 'hello'});
	writer.append({type: 'prompt', text: 'again'});
	writer.flush();
	writer.close();
	assert.equal(writer.degraded, true);
	assert.equal(errors.length, 1);
	assert.match(errors[0]!.message, /ENOSPC/);
});

test('an unwritable state dir degrades at open instead of throwing', () => {
	const env = {AGENTS_STATE_DIR: join(root, 'a-file')};
	writeFileSync(env.AGENTS_STATE_DIR, 'not a directory');
	const errors: Error[] = [];
	const writer = openSessionLog({hostId, sessionId: 's6', created, env, onDegraded: error => errors.push(error)});
	writer.append({type: 'prompt', text: 'x'});
	writer.close();
	assert.equal(writer.degraded, true);
	assert.equal(errors.length, 1);
});

test('flush fsyncs on demand; records after close are dropped; an unserializable record becomes an error record', () => {
	const env = environment();
	const writer = openSessionLog({hostId, sessionId: 's7', created, env, fsyncIntervalMs: 60_000});
	writer.append({type: 'prompt', text: 'x'});
	writer.flush();
	writer.append({type: 'prompt', text: 'y'});
	const cyclic: Record<string, unknown> = {};
	cyclic['self'] = cyclic;
	writer.append({type: 'update', update: cyclic});
	writer.close();
	writer.append({type: 'prompt', text: 'after close is dropped'});
	const lines = readFileSync(writer.path, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {seq: number; type: string; message?: string});
	assert.deepEqual(lines.map(line => [line.seq, line.type]), [[1, 'prompt'], [2, 'prompt'], [3, 'error']]);
	assert.match(lines[2]!.message!, /^unserializable update record: .*circular/i);
});

test('writeFileAtomic replaces the file and leaves no temp file', () => {
	const directory = join(root, 'atomic');
	mkdirSync(directory);
	const target = join(directory, 'host.json');
	writeFileAtomic(target, 'one');
	writeFileAtomic(target, Buffer.from('two'), 0o640);
	assert.equal(readFileSync(target, 'utf8'), 'two');
	assert.equal(statSync(target).mode & 0o777, 0o640);
	assert.deepEqual(readdirSync(directory), ['host.json']);
	assert.throws(() => writeFileAtomic(join(directory, 'missing', 'x'), 'x'), /ENOENT/);
});

test('a missing log is a clear error naming the path', async () => {
	const path = join(root, 'nope.jsonl');
	await assert.rejects(readLogFile(path), {message: `cannot read log ${path}: no such file`});
	await assert.rejects(readLogFile(root), {message: `cannot read log ${root}: is a directory`});
});
