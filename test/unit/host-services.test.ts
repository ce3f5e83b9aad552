import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {readTextFile, writeTextFile} from '../../source/host/fs-service.js';
import {PermissionBroker, type PermissionResolved} from '../../source/host/permission-broker.js';
import {TerminalService, truncateStart} from '../../source/host/terminal-service.js';
import {decrement, hostPhase, phaseSummary, sessionState} from '../../source/model/phase.js';
import {HostError} from '../../source/model/types.js';

const options = [{optionId: 'allow', name: 'Allow', kind: 'allow_once' as const}, {optionId: 'reject', name: 'Reject', kind: 'reject_once' as const}];

test('phase rules of DESIGN §4.4', () => {
	assert.equal(hostPhase('starting', 3, 3), 'starting');
	assert.equal(hostPhase('stopped', 3, 3), 'stopped');
	assert.equal(hostPhase('running', 2, 1), 'waiting');
	assert.equal(hostPhase('running', 2, 0), 'running');
	assert.equal(hostPhase('running', 0, 0), 'idle');
	assert.equal(decrement(0), 0);
	assert.equal(decrement(2), 1);
	assert.equal(phaseSummary('running', 2, 1), 'running 2 · waiting 1');
	assert.equal(phaseSummary('idle', 0, 0), 'idle');
	const base = {ended: false, agent: 'running' as const, interrupted: false, turnActive: true, cancelRequested: false, pendingPermissions: 0};
	assert.equal(sessionState(base), 'running');
	assert.equal(sessionState({...base, pendingPermissions: 1}), 'waiting');
	assert.equal(sessionState({...base, cancelRequested: true, pendingPermissions: 1}), 'cancelling');
	assert.equal(sessionState({...base, turnActive: false}), 'idle');
	assert.equal(sessionState({...base, agent: 'stopped', interrupted: true}), 'interrupted');
	assert.equal(sessionState({...base, agent: 'stopped'}), 'stopped');
	assert.equal(sessionState({...base, ended: true}), 'ended');
});

test('permission broker: first answer wins, others learn the winner, cancel answers cancelled', async () => {
	const resolved: PermissionResolved[] = [];
	const broker = new PermissionBroker(r => resolved.push(r));
	const first = broker.request('s1', 'r1', {toolCallId: 't1', title: 'Edit'}, options);
	const second = broker.request('s1', 'r2', {toolCallId: 't2'}, options);
	const other = broker.request('s2', 'r3', {toolCallId: 't3'}, options);
	assert.equal(broker.count, 3);
	assert.equal(broker.countFor('s1'), 2);
	assert.deepEqual(broker.answer('r1', 'bogus', 'a'), {accepted: false});
	assert.deepEqual(broker.answer('r1', 'allow', 'tui-1'), {accepted: true, winner: 'tui-1'});
	assert.deepEqual(broker.answer('r1', 'reject', 'tui-2'), {accepted: false, winner: 'tui-1'});
	assert.deepEqual(await first, {outcome: 'selected', optionId: 'allow'});
	assert.equal(broker.cancel('s1', 'host'), 1);
	assert.deepEqual(await second, {outcome: 'cancelled'});
	assert.equal(broker.count, 1);
	assert.deepEqual(broker.pending().map(p => p.requestId), ['r3']);
	broker.answer('r3', undefined, 'cli');
	assert.deepEqual(await other, {outcome: 'cancelled'});
	assert.deepEqual(resolved.map(r => `${r.requestId}:${r.by}`), ['r1:tui-1', 'r2:host', 'r3:cli']);
	assert.equal(broker.count, 0);
});

test('fs service confines paths to the session cwd, resolves symlinks, writes atomically', () => {
	const root = mkdtempSync(join(tmpdir(), 'agents-fs-'));
	const cwd = join(root, 'project');
	mkdirSync(cwd);
	writeFileSync(join(root, 'secret.txt'), 'secret');
	writeFileSync(join(cwd, 'a.txt'), 'one\ntwo\nthree\nfour');
	symlinkSync(join(root, 'secret.txt'), join(cwd, 'link.txt'));
	assert.equal(readTextFile(join(cwd, 'a.txt'), [cwd], 'cwd'), 'one\ntwo\nthree\nfour');
	assert.equal(readTextFile(join(cwd, 'a.txt'), [cwd], 'cwd', 2, 2), 'two\nthree');
	assert.throws(() => readTextFile(join(root, 'secret.txt'), [cwd], 'cwd'), (error: HostError) => /outside the session's directory/.test(error.message));
	assert.throws(() => readTextFile(join(cwd, 'link.txt'), [cwd], 'cwd'), /outside/);
	assert.throws(() => readTextFile(join(cwd, '..', 'secret.txt'), [cwd], 'cwd'), /outside/);
	assert.throws(() => readTextFile('relative.txt', [cwd], 'cwd'), /must be absolute/);
	assert.throws(() => readTextFile(join(cwd, 'missing.txt'), [cwd], 'cwd'), /no such file/);
	assert.equal(readTextFile(join(root, 'secret.txt'), [cwd], 'any'), 'secret');
	writeTextFile(join(cwd, 'sub', 'new.txt'), 'hello', [cwd], 'cwd');
	assert.equal(readFileSync(join(cwd, 'sub', 'new.txt'), 'utf8'), 'hello');
	assert.deepEqual(readdirSync(join(cwd, 'sub')), ['new.txt'], 'no temp file left behind');
	assert.throws(() => writeTextFile(join(root, 'evil.txt'), 'x', [cwd], 'cwd'), /outside/);
});

test('truncateStart keeps the last bytes at a character boundary', () => {
	assert.deepEqual(truncateStart('abc', 10), {text: 'abc', bytes: 3, truncated: false});
	const cut = truncateStart('ééééé', 5); // 10 bytes; keeping 5 would split a character
	assert.equal(cut.truncated, true);
	assert.equal(cut.text, 'éé');
	assert.equal(Buffer.byteLength(cut.text), cut.bytes);
});

test('terminal service runs commands, truncates output, waits, kills the tree, releases', async () => {
	const updates: string[] = [];
	const terminals = new TerminalService((_session, id) => updates.push(id));
	const cwd = mkdtempSync(join(tmpdir(), 'agents-term-'));
	const id = terminals.create({sessionId: 's', command: 'sh', args: ['-c', 'pwd; printf "%0500d" 0; echo; echo err >&2; exit 3'], outputByteLimit: 100}, cwd);
	assert.deepEqual(await terminals.waitForExit('s', id), {exitCode: 3, signal: null});
	const output = terminals.output('s', id);
	assert.equal(output.truncated, true);
	assert.ok(Buffer.byteLength(output.output) <= 100);
	assert.match(output.output, /err\n$/);
	assert.ok(updates.includes(id));
	assert.throws(() => terminals.output('other-session', id), /unknown terminal/);

	const sleeper = terminals.create({sessionId: 's', command: 'sh', args: ['-c', 'sleep 30 & wait']}, cwd);
	terminals.kill('s', sleeper);
	const exit = await terminals.waitForExit('s', sleeper);
	assert.equal(exit.signal, 'SIGTERM');
	terminals.release('s', sleeper);
	assert.throws(() => terminals.output('s', sleeper), /unknown terminal/);
	assert.ok(terminals.peek(sleeper), 'released output stays visible to the tool call');

	const missing = terminals.create({sessionId: 's', command: 'no-such-command-xyz'}, cwd);
	assert.equal((await terminals.waitForExit('s', missing)).exitCode, 127);
	assert.match(terminals.output('s', missing).output, /no-such-command-xyz/);
});

test('the agent never sees AGENTS_* variables (the socket location must not leak, DESIGN §11)', async () => {
	const {agentEnvironment} = await import('../../source/acp/agent-process.js');
	const env = agentEnvironment({PATH: '/bin', AGENTS_TMPDIR: '/secret', AGENTS_STATE_DIR: '/s', HOME: '/h'}, {EXTRA: '1'});
	assert.deepEqual(env, {PATH: '/bin', HOME: '/h', EXTRA: '1'});
});
