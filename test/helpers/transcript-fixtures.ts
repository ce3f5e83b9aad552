/**
Action builders and update shapes as real agents send them (docs/agent-quirks.md §1), shared by the
transcript tests. Not a test file itself (no `.test.` in the name).
*/
import type {PermissionOption, SessionUpdate} from '../../source/model/acp-types.js';
import type {TranscriptAction} from '../../source/model/types.js';

let clock = Date.UTC(2026, 10, 21, 22, 0, 0);

/** Monotonic ISO times, so every action has its own `ts`. */
export function nextTs(): string {
	clock += 1000;
	return new Date(clock).toISOString();
}

export function update(value: SessionUpdate | Record<string, unknown>, replay?: boolean): TranscriptAction {
	return {type: 'update', ts: nextTs(), update: value as SessionUpdate, ...(replay === undefined ? {} : {replay})};
}

export function say(text: string, messageId?: string | null): TranscriptAction {
	return update({sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}, ...(messageId === undefined ? {} : {messageId})});
}

export function think(text: string, messageId?: string): TranscriptAction {
	return update({sessionUpdate: 'agent_thought_chunk', content: {type: 'text', text}, ...(messageId === undefined ? {} : {messageId})});
}

export function prompt(text: string, client = 'tui-1'): TranscriptAction {
	return {type: 'prompt', ts: nextTs(), text, client};
}

export function turnEnd(stopReason = 'end_turn', ms = 1200): TranscriptAction {
	return {type: 'turn-end', ts: nextTs(), stopReason, ms};
}

export const codexOptions: readonly PermissionOption[] = [
	{optionId: 'approved', name: 'Yes', kind: 'allow_once'},
	{optionId: 'approved-for-session', name: 'Always', kind: 'allow_always'},
	{optionId: 'abort', name: 'No, provide feedback', kind: 'reject_once'},
];

export const gemininOptions: readonly PermissionOption[] = [
	{optionId: 'proceed_once', name: 'Allow', kind: 'allow_once'},
	{optionId: 'proceed_always', name: 'Allow always', kind: 'allow_always'},
	{optionId: 'cancel', name: 'Reject', kind: 'reject_once'},
];

/** codex-acp 0.16: the permission (UUID request id) comes before any `tool_call`. */
export function codexToolCall(toolCallId: string, requestId: string): readonly TranscriptAction[] {
	return [
		{
			type: 'permission-request',
			ts: nextTs(),
			requestId,
			toolCall: {toolCallId, title: 'Run ls -la', kind: 'execute', status: 'pending', rawInput: {command: ['ls', '-la'], cwd: '/w'}},
			options: codexOptions,
		},
		{type: 'permission-resolved', ts: nextTs(), requestId, outcome: {outcome: 'selected', optionId: 'approved'}, by: 'tui-1'},
		update({sessionUpdate: 'tool_call', toolCallId, title: 'ls -la', kind: 'execute', status: 'in_progress', rawInput: {command: ['ls', '-la'], cwd: '/w'}}),
		update({sessionUpdate: 'tool_call_update', toolCallId, status: 'completed', content: [{type: 'content', content: {type: 'text', text: 'a\nb\n'}}], rawOutput: {exit_code: 0}}),
	];
}

/** gemini-cli 0.61 `--acp`: no `tool_call` at all, only the permission and a final `tool_call_update`. */
export function geminiToolCall(toolCallId: string, requestId: string): readonly TranscriptAction[] {
	return [
		{
			type: 'permission-request',
			ts: nextTs(),
			requestId,
			toolCall: {toolCallId, title: 'echo hi > out.txt', kind: 'execute', status: 'pending', content: [], locations: []},
			options: gemininOptions,
		},
		{type: 'permission-resolved', ts: nextTs(), requestId, outcome: {outcome: 'selected', optionId: 'proceed_once'}, by: 'tui-2'},
		update({sessionUpdate: 'tool_call_update', toolCallId, status: 'completed', content: [{type: 'content', content: {type: 'text', text: 'done'}}]}),
	];
}

/** claude-code-acp 0.16.2: `tool_call` twice for one id, first titled "Terminal" (with Claude's extra `name`). */
export function claudeToolCall(toolCallId: string): readonly TranscriptAction[] {
	return [
		update({sessionUpdate: 'tool_call', toolCallId, title: 'Terminal', kind: 'execute', status: 'pending', rawInput: {}, name: 'Bash', _meta: {claudeCode: {toolName: 'Bash'}}}),
		update({
			sessionUpdate: 'tool_call',
			toolCallId,
			title: '`npm test`',
			kind: 'execute',
			status: 'pending',
			rawInput: {command: 'npm test', description: 'Run tests'},
			content: [{type: 'content', content: {type: 'text', text: 'Run tests'}}],
			name: 'Bash',
		}),
		update({sessionUpdate: 'tool_call_update', toolCallId, status: 'completed', rawOutput: 'ok', content: [{type: 'content', content: {type: 'text', text: '```\nok\n```'}}]}),
	];
}
