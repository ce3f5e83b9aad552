import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {after, test} from 'node:test';
import {logsCommand, type LogsFlags} from '../../source/commands/logs.js';
import {openSessionLog, sideDirectory, type SessionLogWriter} from '../../source/log/session-log-writer.js';
import type {LogRecordBody} from '../../source/model/log-record.js';

const root = mkdtempSync(join(tmpdir(), 'agents-logs-cmd-'));
after(() => rmSync(root, {recursive: true, force: true}));
let counter = 0;

class Capture extends Writable {
	text = '';
	isTTY: boolean | undefined;
	constructor(isTTY?: boolean) {
		super();
		this.isTTY = isTTY;
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
		this.text += chunk.toString();
		callback();
	}
}

function freshEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {PATH: process.env['PATH'], AGENTS_STATE_DIR: join(root, `state-${++counter}`), ...extra};
}

const chunk = (text: string): LogRecordBody => ({type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}}});

function writeSession(env: NodeJS.ProcessEnv, hostId: string, sessionId: string, created: string, bodies: readonly LogRecordBody[], keepOpen = false): SessionLogWriter {
	const writer = openSessionLog({hostId, sessionId, created: new Date(created), env});
	writer.append({type: 'session-start', cwd: '/w', agent: 'demo', mcpServers: []});
	for (const body of bodies) writer.append(body);
	if (!keepOpen) writer.close();
	return writer;
}

async function run(input: readonly string[], flags: LogsFlags, env: NodeJS.ProcessEnv, isTTY?: boolean) {
	const stdout = new Capture(isTTY);
	const stderr = new Capture();
	const code = await logsCommand(input, flags, {stdout, stderr, env});
	return {code, stdout: stdout.text, stderr: stderr.text};
}

const conversation: LogRecordBody[] = [
	{type: 'prompt', text: 'find the needle'},
	chunk('there is a nee'),
	chunk('dle here'),
	{type: 'turn-end', stopReason: 'end_turn', ms: 10},
];

test('no id: a table newest first, --json, --host', async () => {
	const env = freshEnv();
	writeSession(env, 'box.alpha.demo.100', 'aaa111', '2026-11-20T10:00:00Z', [{type: 'prompt', text: 'first question'}, {type: 'turn-end', stopReason: 'end_turn', ms: 1}, {type: 'session-end', reason: 'closed'}]);
	writeSession(env, 'box.beta.claude.200', 'bbb222', '2026-11-21T10:00:00Z', [{type: 'prompt', text: 'q'}, {type: 'update', update: {sessionUpdate: 'session_info_update', title: 'Named session'}}]);
	const table = await run([], {}, env);
	assert.equal(table.code, 0);
	const rows = table.stdout.trim().split('\n');
	assert.match(rows[0]!, /^STARTED\s+HOST\s+SESSION\s+TITLE\s+TURNS\s+SIZE\s+ENDED$/);
	assert.match(rows[1]!, /box\.beta\.claude\.200\s+bbb222\s+Named session\s+1\s+\S+ B\s+open \(turn in flight\)$/);
	assert.match(rows[2]!, /box\.alpha\.demo\.100\s+aaa111\s+first question\s+1\s+\S+ B\s+closed$/);
	const json = await run([], {json: true}, env);
	const parsed = JSON.parse(json.stdout) as Array<{session: string; turns: number; ended: string; title: string | null}>;
	assert.deepEqual(parsed.map(entry => [entry.session, entry.turns, entry.ended, entry.title]), [['bbb222', 1, 'open (turn in flight)', 'Named session'], ['aaa111', 1, 'closed', null]]);
	const filtered = await run([], {host: 'alpha', json: true}, env);
	assert.deepEqual((JSON.parse(filtered.stdout) as Array<{session: string}>).map(entry => entry.session), ['aaa111']);
	const unknownHost = await run([], {host: 'gamma'}, env);
	assert.equal(unknownHost.code, 1);
	assert.match(unknownHost.stderr, /^agents logs: no logs for host "gamma"; candidates: box\.(alpha|beta)\S+, box\.\S+\n$/);
});

test('an id renders plain text when piped; --json prints the raw records; ids resolve by prefix and host', async () => {
	const env = freshEnv();
	writeSession(env, 'box.alpha.demo.100', 'abc111', '2026-11-20T10:00:00Z', conversation);
	writeSession(env, 'box.alpha.demo.100', 'abc222', '2026-11-20T11:00:00Z', [{type: 'prompt', text: 'second session'}]);
	const one = await run(['abc1'], {}, env);
	assert.equal(one.code, 0, one.stderr);
	assert.match(one.stdout, /^session abc111 · host box\.alpha\.demo\.100\n/);
	assert.match(one.stdout, /> find the needle\n\nthere is a needle here\n\n■ end_turn/);
	assert.ok(!one.stdout.includes('\u001B['));
	const raw = await run(['abc111'], {json: true}, env);
	const records = raw.stdout.trim().split('\n').map(line => JSON.parse(line) as {seq: number; type: string});
	assert.deepEqual(records.map(record => record.seq), [1, 2, 3, 4, 5]);
	const host = await run(['alpha'], {}, env);
	assert.ok(host.stdout.indexOf('session abc111') < host.stdout.indexOf('session abc222'), 'a host shows its sessions oldest first');
	const ambiguous = await run(['abc'], {}, env);
	assert.equal(ambiguous.code, 1);
	assert.match(ambiguous.stderr, /^agents logs: ambiguous id "abc"; candidates: session abc\d{3} \(host box\.alpha\.demo\.100\), session abc\d{3} \(host box\.alpha\.demo\.100\)\n$/);
	const unknown = await run(['zzz'], {}, env);
	assert.equal(unknown.code, 1);
	assert.match(unknown.stderr, /^agents logs: unknown id "zzz"/);
	const followHost = await run(['alpha'], {follow: true}, env);
	assert.equal(followHost.code, 1);
	assert.match(followHost.stderr, /--follow needs one session; "alpha" has 2: abc111, abc222/);
	assert.equal((await run(['a', 'b'], {}, env)).code, 2);
	assert.equal((await run([], {follow: true}, env)).code, 2);
	assert.equal((await run([], {grep: '('}, env)).code, 2);
	assert.equal((await run([], {olderThan: '1d'}, env)).code, 2);
});

test('a terminal gets the pager: fake $PAGER records its input, args and env; its exit code is returned', async () => {
	const bin = mkdtempSync(join(root, 'bin-'));
	const out = join(bin, 'out');
	// Named `less` so the search argument is passed as less expects it.
	const pager = join(bin, 'less');
	writeFileSync(pager, `#!/bin/sh\nprintf '%s\\n' "$@" > "${out}.args"\necho "LESS=$LESS" > "${out}.env"\ncat > "${out}.stdin"\nexit 3\n`);
	chmodSync(pager, 0o755);
	const env = freshEnv({PAGER: pager});
	writeSession(env, 'box.alpha.demo.100', 'abc111', '2026-11-20T10:00:00Z', conversation);
	const paged = await run(['abc111'], {}, env, true);
	assert.equal(paged.code, 3);
	assert.equal(paged.stdout, '', 'the pager wrote nothing, and nothing bypassed it');
	const received = readFileSync(`${out}.stdin`, 'utf8');
	assert.match(received, /there is a needle here/);
	assert.ok(received.includes('\u001B['), 'a terminal gets colors');
	assert.equal(readFileSync(`${out}.env`, 'utf8'), 'LESS=FRX\n');
	assert.equal(readFileSync(`${out}.args`, 'utf8'), '\n');
	const searched = await run(['abc111'], {grep: 'needle'}, {...env, LESS: '-R', NO_COLOR: '1'}, true);
	assert.equal(searched.code, 3);
	assert.equal(readFileSync(`${out}.args`, 'utf8'), '+/needle\n');
	assert.equal(readFileSync(`${out}.env`, 'utf8'), 'LESS=-R\n');
	assert.ok(!readFileSync(`${out}.stdin`, 'utf8').includes('\u001B['), 'NO_COLOR turns colors off');
	const missing = await run(['abc111'], {}, {...env, PAGER: join(bin, 'no-such-pager')}, true);
	assert.equal(missing.code, 0);
	assert.match(missing.stdout, /there is a needle here/);
	assert.match(missing.stderr, /pager ".*no-such-pager" not found, printing instead/);
});

test('--follow prints lines written after it started and ends at session-end', async () => {
	for (const json of [false, true]) {
		const env = freshEnv();
		const writer = writeSession(env, 'box.alpha.demo.100', 'live1', '2026-11-20T10:00:00Z', [{type: 'prompt', text: 'started'}], true);
		const stdout = new Capture();
		const stderr = new Capture();
		const done = logsCommand(['live1'], {follow: true, json}, {stdout, stderr, env});
		const deadline = Date.now() + 5000;
		while (!stdout.text.includes('started')) {
			assert.ok(Date.now() < deadline, 'the existing lines are printed first');
			await new Promise(resolve => setTimeout(resolve, 10));
		}

		writer.append(chunk('written later'));
		writer.append({type: 'turn-end', stopReason: 'end_turn', ms: 5});
		writer.append({type: 'session-end', reason: 'closed'});
		writer.close();
		assert.equal(await done, 0, stderr.text);
		assert.match(stdout.text, /written later/);
		if (json) assert.deepEqual(stdout.text.trim().split('\n').map(line => (JSON.parse(line) as {type: string}).type), ['session-start', 'prompt', 'update', 'turn-end', 'session-end']);
		else assert.match(stdout.text, /■ session ended: closed/);
	}
});

test('--grep finds hits across two hosts with session and turn', async () => {
	const env = freshEnv();
	writeSession(env, 'box.alpha.demo.100', 'aaa111', '2026-11-20T10:00:00Z', conversation);
	writeSession(env, 'box.beta.demo.200', 'bbb222', '2026-11-21T10:00:00Z', [{type: 'prompt', text: 'hello'}, {type: 'turn-end', stopReason: 'end_turn', ms: 1}, ...conversation]);
	const all = await run([], {grep: 'nee+dle'}, env);
	assert.equal(all.code, 0);
	assert.deepEqual(all.stdout.trim().split('\n'), [
		'box.beta.demo.200  bbb222  turn 2: > find the needle',
		'box.beta.demo.200  bbb222  turn 2: there is a needle here',
		'box.alpha.demo.100  aaa111  turn 1: > find the needle',
		'box.alpha.demo.100  aaa111  turn 1: there is a needle here',
	]);
	const oneHost = await run([], {grep: 'needle here', host: 'box.alpha.demo.100', json: true}, env);
	assert.deepEqual(JSON.parse(oneHost.stdout), [{hostId: 'box.alpha.demo.100', sessionId: 'aaa111', turn: 1, line: 'there is a needle here'}]);
	const scoped = await run(['bbb'], {grep: 'needle here'}, env);
	assert.equal(scoped.stdout, 'box.beta.demo.200  bbb222  turn 2: there is a needle here\n', 'ID --grep, piped: the hits of that log only');
	const none = await run([], {grep: 'haystack'}, env);
	assert.equal(none.code, 1);
	assert.match(none.stderr, /no match for haystack/);
});

test('a corrupt middle line and a torn last line are skipped and reported; side files are read back', async () => {
	const env = freshEnv();
	const writer = writeSession(env, 'box.alpha.demo.100', 'bad1', '2026-11-20T10:00:00Z', [...conversation, chunk('z'.repeat(2 * 1024 * 1024))]);
	assert.ok(existsSync(sideDirectory(writer.path)));
	const lines = readFileSync(writer.path, 'utf8').split('\n');
	lines.splice(2, 0, '{"v":1,"seq":99,"type":"upd');
	writeFileSync(writer.path, lines.join('\n') + '{"v":1,"seq":7,"type":"update","update":{"sessionUp');
	const result = await run(['bad1'], {}, env);
	assert.equal(result.code, 0);
	assert.match(result.stdout, /there is a needle here/);
	assert.ok(result.stdout.includes('z'.repeat(2 * 1024 * 1024)), 'the side file payload is rendered');
	assert.equal(result.stderr, `agents logs: ${writer.path}: skipped 1 unparsable line and a partial last line\n`);
	const raw = await run(['bad1'], {json: true}, env);
	assert.equal(raw.stdout.trim().split('\n').length, 6);
	assert.match(raw.stderr, /skipped 1 unparsable line and a partial last line/);
});

test('--prune --dry-run removes nothing; --prune removes old logs with their side files', async () => {
	const env = freshEnv();
	const old = writeSession(env, 'box.alpha.demo.100', 'old1', '2026-01-01T10:00:00Z', [chunk('y'.repeat(2 * 1024 * 1024))]);
	const fresh = writeSession(env, 'box.beta.demo.200', 'new1', '2026-11-20T10:00:00Z', conversation);
	const longAgo = new Date(Date.now() - 40 * 86_400_000);
	utimesSync(old.path, longAgo, longAgo);
	const dry = await run([], {prune: true, olderThan: '30d', dryRun: true}, env);
	assert.equal(dry.code, 0);
	assert.match(dry.stdout, new RegExp(`^would remove ${old.path.replaceAll('.', '\\.')} \\(2\\.0 MiB,`));
	assert.match(dry.stdout, /would remove 1 log, 2\.0 MiB\n$/);
	assert.ok(existsSync(old.path) && existsSync(sideDirectory(old.path)) && existsSync(fresh.path));
	const real = await run([], {prune: true, olderThan: '30d'}, env);
	assert.match(real.stdout, /removed 1 log/);
	assert.ok(!existsSync(old.path) && !existsSync(sideDirectory(old.path)));
	assert.ok(existsSync(fresh.path));
	assert.equal((await run([], {prune: true}, env)).code, 2);
	assert.equal((await run([], {prune: true, olderThan: 'soon'}, env)).code, 2);
});

test('a large log streams: a reader that stops after the first page stops the reading', async () => {
	const env = freshEnv();
	const writer = openSessionLog({hostId: 'box.alpha.demo.100', sessionId: 'big1', created: new Date('2026-11-20T10:00:00Z'), env});
	for (let turn = 0; turn < 4000; turn++) {
		writer.append({type: 'prompt', text: `question ${turn}`});
		for (let index = 0; index < 10; index++) writer.append(chunk(`answer line ${index} of turn ${turn} ${'x'.repeat(200)}\n`));
		writer.append({type: 'turn-end', stopReason: 'end_turn', ms: 1});
	}

	writer.close();
	let received = 0;
	const stdout = new Writable({
		write(data: Buffer, _encoding, callback) {
			received += data.toString().split('\n').length - 1;
			if (received >= 50) this.destroy();
			callback();
		},
	});
	const started = performance.now();
	const code = await logsCommand(['big1'], {}, {stdout, stderr: new Capture(), env});
	assert.equal(code, 0);
	// The whole rendering is over 100,000 lines; the sink buffers 16 KiB, so it stops within a few hundred.
	assert.ok(received >= 50 && received < 1000, `stopped early after ${received} lines`);
	assert.ok(performance.now() - started < 5000);
});
