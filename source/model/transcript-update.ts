/**
Reads one `session/update` payload into what the transcript does with it. Pure parsing, no state: the
payload comes from an agent unvalidated, so every field is checked and anything unexpected becomes `raw`
(kept verbatim, never dropped: DESIGN §4.7).
*/
import type {PlanEntry, SessionUpdate, ToolCallFields} from './acp-types.js';
import {textOfContent} from './transcript-content.js';
import {isMetaUpdateKind} from './transcript-meta.js';
import type {TranscriptEntry} from './types.js';

/** An entry before the store gives it `index` and `ts`. */
export type NewEntry = TranscriptEntry extends infer E ? (E extends unknown ? Omit<E, 'index' | 'ts'> : never) : never;
export type ChunkKind = 'agent-text' | 'thought' | 'prompt';

export type UpdateIntent =
	| {readonly type: 'chunk'; readonly kind: ChunkKind; readonly text: string; readonly messageId: string | undefined}
	| {readonly type: 'tool-call'; readonly fields: ToolCallFields}
	| {readonly type: 'plan'; readonly entries: readonly PlanEntry[]}
	| {readonly type: 'meta'}
	| {readonly type: 'entry'; readonly entry: NewEntry};

const chunkKinds: Readonly<Record<string, ChunkKind>> = {
	agent_message_chunk: 'agent-text',
	agent_thought_chunk: 'thought',
	user_message_chunk: 'prompt',
};

export function classifyUpdate(update: SessionUpdate): UpdateIntent {
	const loose = update as Record<string, unknown>;
	const kind = loose['sessionUpdate'];
	const content = loose['content'];
	const chunkKind = typeof kind === 'string' && Object.hasOwn(chunkKinds, kind) ? chunkKinds[kind] : undefined;
	if (chunkKind !== undefined && content !== null && typeof content === 'object') {
		const messageId = loose['messageId'];
		return {type: 'chunk', kind: chunkKind, text: textOfContent(content as never), messageId: typeof messageId === 'string' ? messageId : undefined};
	}

	if ((kind === 'tool_call' || kind === 'tool_call_update') && typeof loose['toolCallId'] === 'string') {
		return {type: 'tool-call', fields: update as ToolCallFields};
	}

	if (kind === 'plan' && Array.isArray(loose['entries'])) {
		return {type: 'plan', entries: loose['entries'] as PlanEntry[]};
	}

	if (kind === 'notice') {
		const {severity, title, description} = loose;
		return {
			type: 'entry',
			entry: {
				kind: 'notice',
				severity: typeof severity === 'string' ? severity : 'info',
				title: typeof title === 'string' ? title : '',
				...(typeof description === 'string' ? {description} : {}),
			},
		};
	}

	if (typeof kind === 'string' && isMetaUpdateKind(kind)) {
		// The store applies it to its meta, and falls back to `raw` when the shape is wrong.
		return {type: 'meta'};
	}

	return {type: 'entry', entry: {kind: 'raw', update}};
}
