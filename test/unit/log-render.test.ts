import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {createLogRenderer} from '../../source/log/log-render.js';
import {formatDateTime, formatTime} from '../../source/log/log-style.js';
import {readLogFile} from '../../source/log/session-log-reader.js';
import {openSessionLog} from '../../source/log/session-log-writer.js';
import type {LogRecord, LogRecordBody} from '../../source/model/log-record.js';

const root = mkdtempSync(join(tmpdir(), 'agents-log-render-'));
after(() => rmSync(root, {recursive: true, force: true}));

const text = (value: string) => ({type: 'text', text: value});
const fixture: LogRecordBody[] = [
	{type: 'session-start', cwd: '/work/proj', agent: 'demo', command: 'demo-agent', mcpServers: [{name: 'fs', command: 'x', args: [], env: []}]},
	{type: 'prompt', text: 'Fix the bug\nplease', client: 'tui-1'},
	{type: 'update', update: {sessionUpdate: 'agent_thought_chunk', content: text('Let me think\n')}},
	{type: 'update', update: {sessionUpdate: 'agent_thought_chunk', content: text('about it')}},
	{type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: text('I will ')}},
	{type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: text('edit the file.')}},
	{type: 'update', update: {sessionUpdate: 'tool_call', toolCallId: 'c1', title: 'Edit foo.ts', kind: 'edit', status: 'pending', locations: [{path: '/work/proj/foo.ts', line: 2}]}},
	{type: 'permission-request', requestId: 'r1', toolCall: {toolCallId: 'c1', title: 'Edit foo.ts'}, options: [{optionId: 'allow', name: 'Allow once', kind: 'allow_once'}, {optionId: 'reject', name: 'Reject', kind: 'reject_once'}]},
	{type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: text('Waiting for you.')}},
	{type: 'permission-outcome', requestId: 'r1', outcome: {outcome: 'selected', optionId: 'allow'}, client: 'tui-2'},
	{type: 'update', update: {sessionUpdate: 'tool_call_update', toolCallId: 'c1', status: 'completed', content: [{type: 'diff', path: '/work/proj/foo.ts', oldText: 'a\nb\nc', newText: 'a\nB\nc'}]}},
	// Permission before any tool_call (codex; agent-quirks §1), answered cancelled by the host.
	{type: 'permission-request', requestId: 'r2', toolCall: {toolCallId: 'c2', title: 'Run tests', kind: 'execute', rawInput: {command: 'npm test'}}, options: [{optionId: 'allow', name: 'Allow', kind: 'allow_once'}]},
	{type: 'permission-outcome', requestId: 'r2', outcome: {outcome: 'cancelled'}, client: 'host'},
	{type: 'update', update: {sessionUpdate: 'tool_call_update', toolCallId: 'c2', status: 'failed', rawOutput: {output: 'FAIL 1 test'}, content: [{type: 'terminal', terminalId: 't1'}]}},
	{type: 'update', update: {sessionUpdate: 'plan', entries: [{content: 'Read code', priority: 'high', status: 'completed'}, {content: 'Fix it', priority: 'high', status: 'in_progress'}, {content: 'Test', priority: 'low', status: 'pending'}]}},
	{type: 'update', update: {sessionUpdate: 'current_mode_update', currentModeId: 'plan'}},
	{type: 'update', update: {sessionUpdate: 'session_info_update', title: 'Bug fixing'}},
	{type: 'update', update: {sessionUpdate: 'usage_update', used: 1200, size: 200000}},
	{type: 'update', update: {sessionUpdate: 'available_commands_update', availableCommands: [{name: 'review', description: 'Review'}]}},
	{type: 'update', update: {sessionUpdate: 'something_new', foo: 1}},
	{type: 'update', update: {sessionUpdate: 'user_message_chunk', content: text('replayed prompt')}, replay: true},
	{type: 'turn-end', stopReason: 'end_turn', ms: 3200},
	{type: 'prompt', text: 'second'},
	{type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: text('partial answer')}},
	{type: 'update', update: {sessionUpdate: 'tool_call', toolCallId: 'c3', title: 'Read bar.ts', kind: 'read', status: 'in_progress'}},
	{type: 'prompt', text: 'third'},
	{type: 'turn-end', stopReason: 'cancelled', ms: 500},
	{type: 'prompt', text: 'fourth'},
	{type: 'error', message: 'connection lost', detail: {code: -32603}},
	{type: 'session-end', reason: 'agent-exited'},
];

async function fixtureRecords(): Promise<LogRecord[]> {
	const writer = openSessionLog({hostId: 'h.proj.demo.1', sessionId: 'sess-1', created: new Date(), env: {AGENTS_STATE_DIR: root}});
	for (const body of fixture) writer.append(body);
	writer.close();
	return (await readLogFile(writer.path)).records;
}

function render(records: readonly LogRecord[], options: {full?: boolean; color?: boolean} = {}): string[] {
	const renderer = createLogRenderer(options);
	const lines: string[] = [];
	for (const record of records) lines.push(...renderer.push(record));
	lines.push(...renderer.end());
	return lines;
}

test('renders every entry kind in conversation order', async () => {
	const records = await fixtureRecords();
	const lines = render(records);
	const at = (seq: number) => records.find(record => record.seq === seq)!.ts;
	const expected = [
		'session sess-1 · host h.proj.demo.1',
		`agent demo (demo-agent) · cwd /work/proj · started ${formatDateTime(at(1))}`,
		'mcp servers: fs',
		'',
		`──── turn 1 · ${formatTime(at(2))} · from tui-1 ────`,
		'> Fix the bug',
		'> please',
		'',
		'  ▸ thought: Let me think about it (2 lines folded)',
		'I will edit the file.',
		'  ⚙ edit    Edit foo.ts (/work/proj/foo.ts:2) → completed (+1 −1)',
		'  ? permission for Edit foo.ts: chose "Allow once" (allow_once) by tui-2',
		'Waiting for you.',
		'  ⚙ execute Run tests → failed',
		'  ? permission for Run tests: cancelled by host',
		'  plan:',
		'    [x] Read code',
		'    [~] Fix it',
		'    [ ] Test',
		'  mode → plan',
		'  title: Bug fixing',
		'  [something_new update]',
		'> replayed prompt',
		'',
		`■ end_turn · 3.2 s · ${formatTime(at(22))}`,
		'',
		`──── turn 2 · ${formatTime(at(23))} ────`,
		'> second',
		'',
		'partial answer',
		'  ⚙ read    Read bar.ts → in_progress, never finished',
		'✗ turn 2 interrupted: no turn-end before the next prompt',
		`──── turn 3 · ${formatTime(at(26))} ────`,
		'> third',
		'',
		`■ cancelled · 500 ms · ${formatTime(at(27))}`,
		'',
		`──── turn 4 · ${formatTime(at(28))} ────`,
		'> fourth',
		'',
		'! error: connection lost',
		'✗ turn 4 interrupted: the agent exited',
		`■ session ended: agent-exited · ${formatDateTime(at(30))}`,
	];
	assert.deepEqual(lines, expected);
});

test('--full expands thoughts, diffs, raw input, terminal output and unknown updates', async () => {
	const lines = render(await fixtureRecords(), {full: true});
	const joined = lines.join('\n');
	for (const fragment of [
		'  thought:\n  │ Let me think\n  │ about it',
		'      --- /work/proj/foo.ts\n      +++ /work/proj/foo.ts\n       a\n      -b\n      +B\n       c',
		'      terminal t1\n      input:\n        {\n          "command": "npm test"\n        }\n      output:\n        FAIL 1 test',
		'  usage: 1200/200000 tokens',
		'  commands: /review',
		'  [something_new update]\n    {\n      "sessionUpdate": "something_new",\n      "foo": 1\n    }',
		'! error: connection lost\n    {\n      "code": -32603\n    }',
	]) {
		assert.ok(joined.includes(fragment), `missing:\n${fragment}\n--- in ---\n${joined}`);
	}

	assert.ok(!joined.includes('(2 lines folded)'));
	assert.ok(!joined.includes('\u001B['), 'no color unless asked');
});

test('colors only when asked; the text is the same without the escapes', async () => {
	const records = await fixtureRecords();
	const colored = render(records, {color: true});
	assert.ok(colored.some(line => line.includes('\u001B[31m')));
	// eslint-disable-next-line no-control-regex
	assert.deepEqual(colored.map(line => line.replaceAll(/\u001B\[\d+m/g, '')), render(records));
});

test('a log ending inside a turn says so, and an unanswered permission is shown as such', () => {
	const base = {v: 1 as const, host: 'h', session: 's', ts: '2026-11-21T22:10:46.000Z'};
	const records: LogRecord[] = [
		{...base, seq: 1, type: 'prompt', text: 'go'},
		{...base, seq: 2, type: 'permission-request', requestId: 'r9', toolCall: {toolCallId: 'c9', title: 'Delete all'}, options: [{optionId: 'a', name: 'Allow', kind: 'allow_once'}]},
	];
	const renderer = createLogRenderer();
	const first = renderer.push(records[0]!);
	assert.deepEqual(first.slice(0, 2), ['session s · host h', '(no session-start record; log begins ' + formatDateTime(base.ts) + ')']);
	assert.deepEqual(renderer.push(records[1]!), [], 'pending blocks wait for their outcome');
	assert.deepEqual(renderer.end(), ['  ⚙ other   Delete all → pending, never finished', '  ? permission for Delete all: never answered (options: Allow)', '… the log ends inside turn 1 (no turn-end yet)']);
});
