import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseHostArgs, scrubEnv} from '../../source/commands/host-main.js';
import {CliError, oneLine, reportError, type CommandIo} from '../../source/commands/io.js';
import {splitAtDoubleDash} from '../../source/commands/main.js';
import {actionPiece, PlainWriter} from '../../source/commands/plain-text.js';
import {selfEntry} from '../../source/commands/self-entry.js';
import {exitCodeForStop} from '../../source/commands/send.js';
import {aggregateValues, formatStatus, hostValues} from '../../source/commands/status-format.js';
import type {SessionState, Snapshot} from '../../source/model/types.js';

function snapshot(phase: Snapshot['host']['phase'], states: readonly SessionState[]): Snapshot {
	return {
		seq: 1,
		host: {
			hostId: 'velox.proj.demo.1763762400',
			pid: 1,
			cwd: '/',
			started: '',
			phase,
			activePrompts: 0,
			pendingPermissions: 0,
			agent: {name: 'demo', command: 'x', args: [], state: 'running'},
			clients: 2,
		},
		sessions: states.map((state, index) => ({
			info: {id: `s${index}`, cwd: '/', state, queue: [], pendingPermissions: [], created: ''},
			transcript: {entries: [], nextIndex: 0, meta: {}},
		})),
	};
}

test('status values count sessions by state and ignore ended ones', () => {
	const values = hostValues(snapshot('waiting', ['running', 'waiting', 'idle', 'ended', 'cancelling']));
	assert.equal(values.running, 2);
	assert.equal(values.waiting, 1);
	assert.equal(values.idle, 1);
	assert.equal(values.sessions, 4);
	assert.equal(values.summary, '2 running · 1 waiting');
	assert.equal(formatStatus('#{phase} #{running}/#{sessions} #{agent} #{host} #{nope}## #{clients}', values), 'waiting 2/4 demo velox.proj.demo.1763762400 # 1');
});

test('a stopped host counts nothing as running and reads "stopped"', () => {
	const values = hostValues(snapshot('stopped', ['running', 'idle']));
	assert.equal(values.running, 0);
	assert.equal(values.summary, 'stopped');
});

test('aggregate: the most urgent phase wins, counts add up, no hosts reads "no hosts"', () => {
	const aggregate = aggregateValues([hostValues(snapshot('running', ['running', 'running'])), hostValues(snapshot('waiting', ['waiting'])), hostValues(snapshot('idle', ['idle']))]);
	assert.equal(aggregate.phase, 'waiting');
	assert.equal(aggregate.hosts, 3);
	assert.equal(aggregate.host, '3 hosts');
	assert.equal(formatStatus('agents: #{summary}', aggregate), 'agents: 2 running · 1 waiting');
	const none = aggregateValues([]);
	assert.equal(none.phase, 'none');
	assert.equal(none.summary, 'no hosts');
});

test('send --wait exit codes follow the stop reason', () => {
	assert.equal(exitCodeForStop('end_turn'), 0);
	assert.equal(exitCodeForStop('cancelled'), 3);
	assert.equal(exitCodeForStop('max_tokens'), 4);
	assert.equal(exitCodeForStop('refusal'), 4);
});

test('argv splits at the first -- only', () => {
	assert.deepEqual(splitAtDoubleDash(['-d', '--', 'gemini', '--acp', '--']), {before: ['-d'], after: ['gemini', '--acp', '--']});
	assert.deepEqual(splitAtDoubleDash(['ls']), {before: ['ls'], after: undefined});
});

test('host args: id, agent, cwd, and the command after --', () => {
	const args = parseHostArgs(['--id', 'h.p.a.1', '--cwd', 'sub', '--', 'my-agent', '--id', 'x'], '/base');
	assert.equal(args.id, 'h.p.a.1');
	assert.equal(args.cwd, '/base/sub');
	assert.deepEqual(args.commandLine, ['my-agent', '--id', 'x']);
	assert.equal(args.agent, undefined);
	assert.throws(() => parseHostArgs(['--agent', 'demo']), /--id/);
});

test('AGENTS_* never reaches the agent', () => {
	assert.deepEqual(scrubEnv({AGENTS_TMPDIR: '/t', AGENTS_READY_FD: '3', PATH: '/bin', MY_AGENTS_X: 'kept'}), {PATH: '/bin', MY_AGENTS_X: 'kept'});
});

test('self entry keeps loader flags so a dev run re-spawns under tsx', () => {
	assert.deepEqual(selfEntry(['node', '/p/cli.tsx', 'ls'], ['--import', 'tsx', '--no-warnings']), ['--import', 'tsx', '/p/cli.tsx']);
	assert.deepEqual(selfEntry(['node', '/p/dist/cli.js'], ['--import=tsx']), ['--import=tsx', '/p/dist/cli.js']);
	assert.deepEqual(selfEntry(['node', '/p/dist/cli.js'], []), ['/p/dist/cli.js']);
});

test('errors are one line on stderr with the mapped exit code', () => {
	let written = '';
	const io = {stderr: {write: (text: string) => (written += text)}} as unknown as CommandIo;
	assert.equal(reportError(io, new CliError('ambiguous;\n  a\n  b', 1)), 1);
	assert.equal(written, 'agents: ambiguous; a b\n');
	assert.equal(reportError(io, new CliError('usage', 2)), 2);
	assert.equal(oneLine('x\n\n y'), 'x y');
});

test('plain writer: streamed text continues a line, whole lines start fresh', () => {
	let out = '';
	const writer = new PlainWriter(text => (out += text));
	writer.piece(actionPiece({type: 'prompt', ts: '', text: 'hi'}));
	writer.piece(actionPiece({type: 'update', ts: '', update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'Hel'}}}));
	writer.piece(actionPiece({type: 'update', ts: '', update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'lo'}}}));
	writer.piece(actionPiece({type: 'turn-end', ts: '', stopReason: 'end_turn', ms: 1500}));
	assert.equal(out, '> hi\nHello\n[turn end: end_turn, 1.5 s]\n');
});

test('quickAttach recognises only the plain attach forms (everything else goes through meow)', async () => {
	const {quickAttach} = await import('../../source/commands/main.js');
	assert.deepEqual(quickAttach(['--attach', 'claude']), {id: 'claude', readOnly: false});
	assert.deepEqual(quickAttach(['attach', 'h.p.a.1', '--read-only']), {id: 'h.p.a.1', readOnly: true});
	assert.deepEqual(quickAttach(['--read-only', '--attach', 'x']), {id: 'x', readOnly: true});
	assert.equal(quickAttach(['attach', 'x', '--plain']), undefined);
	assert.equal(quickAttach(['attach', '--json']), undefined);
	assert.equal(quickAttach(['ls']), undefined);
	assert.equal(quickAttach(['attach', 'x', '--read-only', '--read-only']), undefined);
	assert.equal(quickAttach(['--attach']), undefined);
});
