/**
Plain-text rendering of transcript entries and actions for `attach --plain` and `send --wait`: no colours,
no cursor movement, so it works over dumb terminals, pipes and logs.
*/
import type {ContentBlock, SessionUpdate} from '../model/acp-types.js';
import type {TranscriptAction, TranscriptEntry} from '../model/types.js';

export function blockText(block: ContentBlock): string {
	switch (block.type) {
		case 'text': {
			return block.text;
		}

		case 'resource_link': {
			return `[${block.title ?? block.name}](${block.uri})`;
		}

		case 'resource': {
			return block.resource.text ?? `[resource ${block.resource.uri}]`;
		}

		default: {
			return `[${block.type}]`;
		}
	}
}

/** The agent's reply text in an update, if it is a message chunk (what `send --wait` streams). */
export function replyText(update: SessionUpdate): string | undefined {
	if (update.sessionUpdate !== 'agent_message_chunk') return undefined;
	const content = (update as {readonly content?: ContentBlock}).content;
	return content ? blockText(content) : undefined;
}

/** A rendered piece: `inline` text continues the current line (streamed chunks), other pieces are whole lines. */
export type Piece = {readonly text: string; readonly inline: boolean};

function line(text: string): Piece {
	return {text, inline: false};
}

export function updatePiece(update: SessionUpdate): Piece | undefined {
	switch (update.sessionUpdate) {
		case 'agent_message_chunk': {
			const text = replyText(update);
			return text === undefined ? undefined : {text, inline: true};
		}

		case 'user_message_chunk': {
			const {content} = update as {readonly content: ContentBlock};
			return line(`> ${blockText(content)}`);
		}

		case 'tool_call':
		case 'tool_call_update': {
			const call = update as {readonly toolCallId: string; readonly title?: string | null; readonly kind?: string | null; readonly status?: string | null};
			if (update.sessionUpdate === 'tool_call_update' && !call.status) return undefined;
			return line(`[tool ${call.kind ?? 'other'}] ${call.title ?? call.toolCallId}${call.status ? ` (${call.status})` : ''}`);
		}

		case 'plan': {
			const {entries} = update as {readonly entries: ReadonlyArray<{readonly content: string; readonly status: string}>};
			return line(entries.map(entry => `[${entry.status === 'completed' ? 'x' : ' '}] ${entry.content}`).join('\n'));
		}

		case 'session_info_update': {
			const {title} = update as {readonly title?: string | null};
			return title ? line(`[title] ${title}`) : undefined;
		}

		default: {
			// Thoughts, usage, commands, modes: not part of a plain transcript.
			return undefined;
		}
	}
}

export function actionPiece(action: TranscriptAction): Piece | undefined {
	switch (action.type) {
		case 'update': {
			return updatePiece(action.update);
		}

		case 'prompt': {
			return line(`> ${action.text}`);
		}

		case 'permission-request': {
			const options = action.options.map(option => `${option.optionId} (${option.kind})`).join(', ');
			return line(`[permission ${action.requestId}] ${action.toolCall.title ?? action.toolCall.toolCallId}: ${options}`);
		}

		case 'permission-resolved': {
			const outcome = action.outcome.outcome === 'selected' ? action.outcome.optionId : 'cancelled';
			return line(`[permission ${action.requestId}] ${outcome} by ${action.by}`);
		}

		case 'turn-end': {
			return line(`[turn end: ${action.stopReason}, ${(action.ms / 1000).toFixed(1)} s]`);
		}

		case 'interrupted': {
			return line(`[interrupted: ${action.reason}]`);
		}

		case 'error': {
			return line(`[error] ${action.message}`);
		}

		case 'agent-stopped': {
			return line(`[agent stopped: ${action.reason}] (agents restart to respawn it)`);
		}

		case 'history-divider': {
			return line(`── ${action.text} ──`);
		}
	}
}

export function entryPiece(entry: TranscriptEntry): Piece | undefined {
	switch (entry.kind) {
		case 'prompt': {
			return line(`> ${entry.text}`);
		}

		case 'agent-text': {
			return {text: entry.text, inline: true};
		}

		case 'tool-call': {
			const {permission} = entry;
			const pending = permission && !permission.resolution
				? `\n[permission ${permission.requestId}] waiting: ${permission.options.map(option => `${option.optionId} (${option.kind})`).join(', ')}`
				: '';
			return line(`[tool ${entry.toolKind}] ${entry.title} (${entry.status})${pending}`);
		}

		case 'plan': {
			return line(entry.entries.map(item => `[${item.status === 'completed' ? 'x' : ' '}] ${item.content}`).join('\n'));
		}

		case 'turn-end': {
			return line(`[turn end: ${entry.stopReason}, ${(entry.ms / 1000).toFixed(1)} s]`);
		}

		case 'interrupted': {
			return line(`[interrupted: ${entry.reason}]`);
		}

		case 'error': {
			return line(`[error] ${entry.message}`);
		}

		case 'notice': {
			return line(`[${entry.severity}] ${entry.title}`);
		}

		case 'agent-stopped': {
			return line(`[agent stopped: ${entry.reason}]`);
		}

		case 'history-divider': {
			return line(`── ${entry.text} ──`);
		}

		default: {
			return undefined;
		}
	}
}

/** Joins pieces into a stream: whole lines always start on a fresh line, inline text continues. */
export class PlainWriter {
	#atLineStart = true;
	readonly #write: (text: string) => void;

	constructor(write: (text: string) => void) {
		this.#write = write;
	}

	piece(piece: Piece | undefined): void {
		if (!piece || piece.text === '') return;
		if (piece.inline) {
			this.#write(piece.text);
			this.#atLineStart = piece.text.endsWith('\n');
			return;
		}

		this.#write(`${this.#atLineStart ? '' : '\n'}${piece.text}\n`);
		this.#atLineStart = true;
	}

	line(text: string): void {
		this.piece({text, inline: false});
	}

	end(): void {
		if (!this.#atLineStart) this.#write('\n');
		this.#atLineStart = true;
	}
}
