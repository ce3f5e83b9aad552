/**
Tool call entries as one upsert keyed by toolCallId: `tool_call`, `tool_call_update` and the `toolCall` of a
permission request all create or update the same entry (agent-quirks §1.1–1.2, DESIGN §4.7).
*/
import type {ToolCallFields, ToolCallStatus, ToolKind} from './acp-types.js';
import type {PermissionPrompt, TranscriptEntry} from './types.js';

export type ToolCallEntry = Extract<TranscriptEntry, {kind: 'tool-call'}>;

const toolKinds: ReadonlySet<string> = new Set<ToolKind>(['read', 'edit', 'delete', 'move', 'search', 'execute', 'think', 'fetch', 'switch_mode', 'other']);
const statuses: ReadonlySet<string> = new Set<ToolCallStatus>(['pending', 'in_progress', 'completed', 'failed']);

/** A new entry; absent fields get the defaults (title → the id, kind `other`, status `pending`). */
export function buildToolCall(fields: ToolCallFields, index: number, ts: string): ToolCallEntry {
	return {
		index,
		ts,
		kind: 'tool-call',
		toolCallId: fields.toolCallId,
		title: titleOf(fields) ?? fields.toolCallId,
		toolKind: kindOf(fields) ?? 'other',
		status: statusOf(fields) ?? 'pending',
		content: Array.isArray(fields.content) ? fields.content : [],
		locations: Array.isArray(fields.locations) ? fields.locations : [],
		...(fields.rawInput === undefined ? {} : {rawInput: fields.rawInput}),
		...(fields.rawOutput === undefined ? {} : {rawOutput: fields.rawOutput}),
	};
}

/**
The entry after an update: present fields replace (`content` and `locations` as whole collections), absent or
null ones keep their value. claude-code 0.16.2 sends `tool_call` twice, first titled "Terminal" (agent-quirks §1.2).
*/
export function mergeToolCall(entry: ToolCallEntry, fields: ToolCallFields): ToolCallEntry {
	return {
		...entry,
		title: titleOf(fields) ?? entry.title,
		toolKind: kindOf(fields) ?? entry.toolKind,
		status: statusOf(fields) ?? entry.status,
		content: Array.isArray(fields.content) ? fields.content : entry.content,
		locations: Array.isArray(fields.locations) ? fields.locations : entry.locations,
		...(fields.rawInput === undefined ? {} : {rawInput: fields.rawInput}),
		...(fields.rawOutput === undefined ? {} : {rawOutput: fields.rawOutput}),
	};
}

export function cancelledBy(by: string): NonNullable<PermissionPrompt['resolution']> {
	return {outcome: {outcome: 'cancelled'}, by};
}

function titleOf(fields: ToolCallFields): string | undefined {
	return typeof fields.title === 'string' && fields.title !== '' ? fields.title : undefined;
}

function kindOf(fields: ToolCallFields): ToolKind | undefined {
	return typeof fields.kind === 'string' && toolKinds.has(fields.kind) ? fields.kind : undefined;
}

function statusOf(fields: ToolCallFields): ToolCallStatus | undefined {
	return typeof fields.status === 'string' && statuses.has(fields.status) ? fields.status : undefined;
}
