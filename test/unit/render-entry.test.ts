import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import type {TranscriptEntry} from '../../source/model/types.js';
import {diffLines, toHunks} from '../../source/ui/transcript/line-diff.js';
import {markdownStats} from '../../source/ui/transcript/markdown.js';
import {renderEntry} from '../../source/ui/transcript/render-entry.js';

const ts = '2026-11-21T22:00:00.000Z';
const text = (entry: TranscriptEntry, width = 60, options = {}) => renderEntry(entry, width, options).map(line => stripAnsi(line)).join('\n');

const toolCall = (fields: Partial<Extract<TranscriptEntry, {kind: 'tool-call'}>>): TranscriptEntry => ({
	index: 3, ts, kind: 'tool-call', toolCallId: 't1', title: 'Edit file', toolKind: 'edit', status: 'completed', content: [], locations: [], ...fields,
});

test('prompts are marked; replayed prompts are dim', () => {
	assert.match(text({index: 0, ts, kind: 'prompt', text: 'fix the bug'}), /^\n❯ fix the bug$/);
	const live = renderEntry({index: 0, ts, kind: 'prompt', text: 'x'}, 40).join('');
	const replayed = renderEntry({index: 0, ts, kind: 'prompt', text: 'x', replayed: true}, 40).join('');
	assert.match(replayed, /\u001B\[90mx/);
	assert.doesNotMatch(live, /\u001B\[90mx/);
});

test('agent text renders light markdown', () => {
	const md = '# Title\nSome **bold**, *em*, `code` and snake_case_name.\n- one\n- [x] done\n2. second\n```ts\nconst x = 1;\n```\n> quoted';
	const lines = renderEntry({index: 1, ts, kind: 'agent-text', text: md}, 60);
	const plain = lines.map(line => stripAnsi(line));
	assert.deepEqual(plain, [
		'',
		'  Title',
		'  Some bold, em, code and snake_case_name.',
		'  • one',
		'  ☑ done',
		'  2. second',
		'  ┌─ ts ─',
		'  │ const x = 1;',
		'  └──',
		'  │ quoted',
	]);
	const styled = lines.join('\n');
	assert.match(styled, /\u001B\[1mbold\u001B\[22m/);
	assert.match(styled, /\u001B\[3mem\u001B\[23m/);
	assert.match(styled, /\u001B\[33mcode\u001B\[39m/);
	assert.match(styled, /\u001B\[1;4;36mTitle/);
});

test('an unclosed fence (streaming) renders as code; list items get hanging indents', () => {
	const plain = text({index: 1, ts, kind: 'agent-text', text: '```\nline one\nline two'}, 40);
	assert.equal(plain, '\n  ┌─\n  │ line one\n  │ line two');
	const list = text({index: 1, ts, kind: 'agent-text', text: '- alpha beta gamma delta epsilon'}, 16);
	assert.deepEqual(list.split('\n').slice(1), ['  • alpha beta', '    gamma delta', '    epsilon']);
});

test('a streaming message renders only its changed last source line again (the rest comes from the line cache)', () => {
	const body = Array.from({length: 60}, (_, i) => i % 10 === 0 ? `## Part ${i}` : `- item ${i} with **bold** and \`code\` words ${'lorem '.repeat(i % 7)}`).join('\n');
	const message = (text: string): TranscriptEntry => ({kind: 'agent-text', index: 7, ts: '2026-11-21T10:00:00.000Z', text});
	const first = renderEntry(message(`${body}\n\`\`\`ts\nconst a = 1;\nconst b = 2;\n\`\`\`\nlast line so`), 70, {color: true});
	const before = markdownStats().renderedLines;
	const second = renderEntry(message(`${body}\n\`\`\`ts\nconst a = 1;\nconst b = 2;\n\`\`\`\nlast line so far grows`), 70, {color: true});
	assert.equal(markdownStats().renderedLines - before, 1, 'only the growing line was rendered');
	assert.deepEqual(second.slice(0, -1), first.slice(0, -1));
	assert.match(stripAnsi(second.at(-1) ?? ''), /last line so far grows/);
	// Cached lines are the same lines a fresh render at another width would make at that width.
	const narrow = renderEntry(message(body), 40, {color: false});
	assert.ok(narrow.every(line => stringWidth(line) <= 40));
	assert.ok(narrow.some(line => line.includes('• item 1 with')));
});

test('thoughts fold to one line unless expanded', () => {
	const entry: TranscriptEntry = {index: 2, ts, kind: 'thought', text: 'look at the file\nthen edit it\nthen test'};
	assert.equal(text(entry, 50), '\n✻ thinking: look at the file then edit… (3 lines)');
	assert.equal(text(entry, 50, {expandThoughts: true}), '\n✻ thinking\n  look at the file\n  then edit it\n  then test');
});

test('tool call header: status icon, kind, title, locations', () => {
	const plain = text(toolCall({status: 'in_progress', locations: [{path: '/src/a.ts', line: 12}, {path: '/src/b.ts'}]}));
	assert.equal(plain, '\n◐ edit Edit file /src/a.ts:12, /src/b.ts');
	assert.match(text(toolCall({status: 'failed'})), /✗ edit Edit file/);
	assert.match(text(toolCall({status: 'pending', toolKind: 'other'})), /○ Edit file/);
});

test('tool call diffs are coloured unified hunks', () => {
	const lines = renderEntry(toolCall({content: [{type: 'diff', path: '/a.ts', oldText: 'a\nb\nc\n', newText: 'a\nB\nc\nd\n'}]}), 60);
	const plain = lines.map(line => stripAnsi(line));
	assert.deepEqual(plain.slice(2), ['  /a.ts +2 -1', '  @@ -1,3 +1,4 @@', '   a', '  -b', '  +B', '   c', '  +d']);
	assert.match(lines[5] ?? '', /\u001B\[31mb\u001B\[39m/);
	assert.match(lines[6] ?? '', /\u001B\[32mB\u001B\[39m/);
	assert.match(text(toolCall({content: [{type: 'diff', path: '/n.ts', oldText: null, newText: 'x\n'}]})), /\/n\.ts new file \+1 -0/);
});

test('line diff finds a minimal script and groups hunks with context', () => {
	const ops = diffLines('1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n', '1\n2\nX\n4\n5\n6\n7\n8\n9\n10\n11\nY\n');
	assert.equal(ops.filter(op => op.type !== 'context').length, 4);
	const hunks = toHunks(ops, 2);
	assert.equal(hunks.length, 2);
	assert.deepEqual(hunks.map(h => [h.oldStart, h.oldLines, h.newStart, h.newLines]), [[1, 5, 1, 5], [10, 3, 10, 3]]);
	// Bounded: a huge middle falls back to remove-all/add-all instead of a quadratic table.
	const big = diffLines(Array.from({length: 3000}, (_, i) => `a${i}`).join('\n'), Array.from({length: 3000}, (_, i) => `b${i}`).join('\n'), 1000);
	assert.equal(big.length, 6000);
});

test('text output is cut to a few lines; terminal output shows its tail; execute shows the command', () => {
	const output = Array.from({length: 12}, (_, i) => `line ${i + 1}`).join('\n');
	const head = text(toolCall({content: [{type: 'content', content: {type: 'text', text: output}}]}));
	assert.match(head, /│ line 5\n {2}… 7 more lines$/);
	const terminal = text(toolCall({toolKind: 'execute', title: 'Run tests', rawInput: {command: 'npm', args: ['test']}, content: [{type: 'terminal', terminalId: 'term-7'}, {type: 'content', content: {type: 'text', text: output}}]}));
	assert.match(terminal, /\$ npm test\n {2}▸ terminal term-7\n {2}… 4 earlier lines\n {2}│ line 5/);
	assert.match(terminal, /│ line 12$/);
});

test('permission prompts show their keys, then the resolution', () => {
	const options = [
		{optionId: 'a1', name: 'Allow once', kind: 'allow_once'},
		{optionId: 'a2', name: 'Allow always', kind: 'allow_always'},
		{optionId: 'r1', name: 'Reject once', kind: 'reject_once'},
	] as const;
	const pending = text(toolCall({permission: {requestId: 'q', options}}));
	assert.match(pending, /⚠ permission requested\n {2}\[1\] Allow once {2}\[2\] Allow always {2}\[3\] Reject once$/);
	const narrow = text(toolCall({permission: {requestId: 'q', options}}), 30).split('\n');
	assert.deepEqual(narrow.slice(-3), ['  [1] Allow once', '  [2] Allow always', '  [3] Reject once']);
	assert.ok(narrow.every(line => stringWidth(line) <= 30));
	assert.match(text(toolCall({permission: {requestId: 'q', options, resolution: {outcome: {outcome: 'selected', optionId: 'a2'}, by: 'tui-1'}}})), /✓ allowed by tui-1 · Allow always$/);
	assert.match(text(toolCall({permission: {requestId: 'q', options, resolution: {outcome: {outcome: 'selected', optionId: 'r1'}, by: 'cli'}}})), /✗ rejected by cli · Reject once$/);
	assert.match(text(toolCall({permission: {requestId: 'q', options, resolution: {outcome: {outcome: 'cancelled'}, by: 'host'}}})), /⊘ permission cancelled$/);
});

test('plans are checklists with priorities', () => {
	const plain = text({index: 4, ts, kind: 'plan', entries: [
		{content: 'read code', priority: 'high', status: 'completed'},
		{content: 'write fix', priority: 'medium', status: 'in_progress'},
		{content: 'run tests', priority: 'low', status: 'pending'},
	]});
	assert.equal(plain, '\nPlan\n  ☑ read code (high)\n  ◐ write fix (medium)\n  ☐ run tests (low)');
});

test('turn ends show the stop reason and duration; cancelled is a warning', () => {
	assert.equal(text({index: 5, ts, kind: 'turn-end', stopReason: 'end_turn', ms: 3200}, 30), '── end_turn · 3.2s ───────────');
	const cancelled = renderEntry({index: 5, ts, kind: 'turn-end', stopReason: 'cancelled', ms: 800}, 30)[0] ?? '';
	assert.match(cancelled, /^\u001B\[33m── cancelled · 800ms/);
});

test('interrupted turns, errors, agent-stopped, dividers, notices, raw entries', () => {
	assert.equal(text({index: 6, ts, kind: 'interrupted', reason: ''}, 80), '⚠ turn interrupted: the agent stopped; the prompt was not re-sent');
	assert.equal(text({index: 7, ts, kind: 'error', message: 'boom'}), '✗ error: boom');
	assert.equal(text({index: 8, ts, kind: 'agent-stopped', reason: 'exit 1'}, 80), '\n■ agent stopped (exit 1) — press C-b R to restart');
	assert.match(text({index: 8, ts, kind: 'agent-stopped', reason: 'exit 1'}, 80, {restartKey: 'C-a R'}), /press C-a R to restart/);
	assert.equal(text({index: 9, ts, kind: 'history-divider', text: 'restored'}, 20), '───── restored ─────');
	assert.equal(text({index: 10, ts, kind: 'notice', severity: 'warning', title: 'log degraded', description: 'disk full'}), '⚠ log degraded: disk full');
	assert.equal(text({index: 11, ts, kind: 'raw', update: {sessionUpdate: 'odd_update', n: 1}}), '? odd_update {"sessionUpdate":"odd_update","n":1}');
});

test('agent escape sequences are stripped, colour can be turned off', () => {
	const lines = renderEntry({index: 1, ts, kind: 'agent-text', text: 'a\u001B]0;pwned\u0007b\u001B[2Jc\rd'}, 40, {color: false});
	assert.deepEqual(lines, ['', '  d']);
	const plainOnly = renderEntry({index: 1, ts, kind: 'agent-text', text: '**x** `y`'}, 40, {color: false});
	assert.deepEqual(plainOnly, ['', '  x y']);
});

test('no line ever exceeds the width (fuzzed widths, CJK, emoji, long words)', () => {
	const samples: TranscriptEntry[] = [
		{index: 0, ts, kind: 'prompt', text: '修复这个错误 please 🙂🙂 and averyveryverylongwordwithoutanyspacesatall'},
		{index: 1, ts, kind: 'agent-text', text: '# 标题 heading\n- 列表项目 **粗体** `代码`\n```\n中文代码行中文代码行中文代码行\n```\n1. 😀😀😀😀😀😀😀😀'},
		{index: 2, ts, kind: 'thought', text: '思考思考思考思考 thinking'},
		toolCall({title: '编辑文件 edit', locations: [{path: '/路径/文件.ts', line: 1}], content: [{type: 'diff', path: '/路径.ts', oldText: '旧\n', newText: '新新新新新新新新新新\n'}, {type: 'content', content: {type: 'text', text: '出力出力出力出力出力'}}],
			permission: {requestId: 'q', options: [{optionId: 'a', name: '许可', kind: 'allow_once'}, {optionId: 'r', name: '拒绝', kind: 'reject_once'}]}}),
		{index: 4, ts, kind: 'plan', entries: [{content: '计划计划计划计划', priority: 'high', status: 'pending'}]},
		{index: 5, ts, kind: 'turn-end', stopReason: 'max_tokens', ms: 123_456},
		{index: 6, ts, kind: 'interrupted', reason: '代理退出'},
		{index: 7, ts, kind: 'error', message: 'エラーエラーエラー'},
		{index: 8, ts, kind: 'notice', severity: 'info', title: '通知', description: '説明説明説明'},
		{index: 9, ts, kind: 'agent-stopped', reason: '信号'},
		{index: 10, ts, kind: 'history-divider', text: '历史历史历史'},
		{index: 11, ts, kind: 'raw', update: {sessionUpdate: '未知', data: '数据数据数据数据'}},
	];
	for (const width of [1, 2, 3, 4, 5, 7, 9, 13, 20, 33, 80]) {
		for (const entry of samples) {
			for (const options of [{}, {expandThoughts: true}, {color: false}]) {
				for (const line of renderEntry(entry, width, options)) {
					assert.ok(stringWidth(line) <= width, `${entry.kind} at width ${width}: ${JSON.stringify(stripAnsi(line))} is ${stringWidth(line)} cells`);
				}
			}
		}
	}
});
