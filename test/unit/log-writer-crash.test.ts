import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {closeSync, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, test} from 'node:test';
import {readLogFile} from '../../source/log/session-log-reader.js';
import {openSessionLog, sessionLogPath} from '../../source/log/session-log-writer.js';

const repo = resolve(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'agents-log-crash-'));
after(() => rmSync(root, {recursive: true, force: true}));
const created = new Date('2026-11-21T22:10:46Z');
const hostId = 'h.proj.demo.1';
const writerModule = join(repo, 'source', 'log', 'session-log-writer.ts');

/** A child writer: appends `lineBytes`-sized records forever (or until degraded), printing progress as JSON. */
function childScript(lineBytes: number, maxLineBytes: number): string {
	return `
import {openSessionLog} from ${JSON.stringify(writerModule)};
const writer = openSessionLog({hostId: ${JSON.stringify(hostId)}, sessionId: 's', created: new Date(${JSON.stringify(created.toISOString())}),
	maxLineBytes: ${maxLineBytes}, onDegraded: error => process.stdout.write(JSON.stringify({degraded: error.message}) + '\\n')});
const text = 'y'.repeat(${lineBytes});
let appended = 0;
process.stdout.write(JSON.stringify({ready: true}) + '\\n');
while (!writer.degraded) {
	writer.append({type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}}});
	if (!writer.degraded) appended++;
	if (appended > 100000) break;
}
writer.close();
process.stdout.write(JSON.stringify({appended}) + '\\n');
`;
}

function startChild(script: string, env: NodeJS.ProcessEnv, shellPrefix?: string) {
	const file = join(root, `child-${Math.random().toString(36).slice(2)}.mts`);
	writeFileSync(file, script);
	const command = `${shellPrefix ?? ''} exec ${JSON.stringify(process.execPath)} --import=tsx ${JSON.stringify(file)}`;
	const child = spawn('/bin/sh', ['-c', command], {cwd: repo, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
	child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
	const exited = new Promise<number | null>(resolvePromise => child.on('exit', code => resolvePromise(code)));
	return {child, exited, output: () => stdout, errors: () => stderr};
}

function endsWithNewline(path: string): boolean {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		const last = Buffer.alloc(1);
		return size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a;
	} finally {
		closeSync(fd);
	}
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolvePromise => setTimeout(resolvePromise, 1));
	}
}

test('SIGKILL during a 16 MB write: reopen moves the fragment to .torn and seq continues', async () => {
	// Kill during a large write tears the last line nearly every time (notes §4); retry in the rare case it did not.
	for (let attempt = 1; ; attempt++) {
		const env = {AGENTS_STATE_DIR: join(root, `kill-${attempt}`)};
		const path = sessionLogPath(hostId, 's', created, env);
		const run = startChild(childScript(16 * 1024 * 1024, 64 * 1024 * 1024), env);
		await waitFor(() => existsSync(path) && statSync(path).size > 40 * 1024 * 1024, 'the child to write 40 MB');
		// Kill while a line is half on disk (the file does not end with a newline), so the kill lands inside a write(2)
		// instead of during the JSON serialisation between writes; on a loaded machine the latter is likely.
		await waitFor(() => !endsWithNewline(path), 'a write in progress', 10_000).catch(() => undefined);
		run.child.kill('SIGKILL');
		// The shell exec'd node, so the pid is the writer's own.
		await run.exited;
		const before = readFileSync(path);
		const lastNewline = before.lastIndexOf(0x0a);
		if (before.at(-1) === 0x0a) {
			assert.ok(attempt < 10, 'a kill during a 16 MB write should tear the line at least once in 10 tries');
			continue;
		}

		const fullLines = before.subarray(0, lastNewline + 1).toString('utf8').trim().split('\n');
		const lastSeq = (JSON.parse(fullLines.at(-1)!) as {seq: number}).seq;
		assert.equal(lastSeq, fullLines.length);
		const writer = openSessionLog({hostId, sessionId: 's', created, env});
		assert.equal(statSync(path).size, lastNewline + 1);
		assert.deepEqual(readFileSync(`${path}.torn`), before.subarray(lastNewline + 1));
		writer.append({type: 'turn-end', stopReason: 'end_turn', ms: 1});
		writer.close();
		const after = readFileSync(path);
		assert.equal(after.at(-1), 0x0a);
		const {records, stats} = await readLogFile(path);
		assert.deepEqual(stats, {records: lastSeq + 1, skippedCorrupt: 0, skippedPartial: 0});
		assert.deepEqual(records.map(record => record.seq), Array.from({length: lastSeq + 1}, (_, index) => index + 1));
		assert.equal(records.at(-1)!.type, 'turn-end');
		return;
	}
});

test('file size limit reached (EFBIG via ulimit -f): degraded, the session goes on, nothing torn', async () => {
	const env = {AGENTS_STATE_DIR: join(root, 'efbig')};
	const path = sessionLogPath(hostId, 's', created, env);
	// 512 blocks (of 512 B or 1 KiB, by shell); 3,000-byte records never fit the limit exactly, so the last write is short (notes §4).
	const run = startChild(childScript(3000, 1024 * 1024), env, 'ulimit -f 512;');
	const code = await run.exited;
	assert.equal(code, 0, run.errors());
	const messages = run.output().trim().split('\n').map(line => JSON.parse(line) as {degraded?: string; appended?: number});
	const degraded = messages.filter(message => message.degraded);
	assert.equal(degraded.length, 1, 'onDegraded is called once');
	assert.match(degraded[0]!.degraded!, /EFBIG|file too large/i);
	const appended = messages.find(message => message.appended !== undefined)!.appended!;
	const bytes = readFileSync(path);
	assert.ok(bytes.length <= 512 * 1024);
	assert.equal(bytes.at(-1), 0x0a, 'the half-written line was cut');
	const {records, stats} = await readLogFile(path);
	assert.deepEqual(stats, {records: appended, skippedCorrupt: 0, skippedPartial: 0});
	assert.ok(appended > 50, `only ${appended} records fit`);
	assert.deepEqual(records.map(record => record.seq), Array.from({length: appended}, (_, index) => index + 1));
});
