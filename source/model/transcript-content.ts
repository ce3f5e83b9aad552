/**
Text views of ACP content: what a chunk adds to a message, and the last line of agent output shown by
choosers and `agents ls`. Pure and defensive: the blocks come from agents unvalidated (DESIGN §4.7).
*/
import type {ContentBlock} from './acp-types.js';
import type {TranscriptState} from './types.js';

/** The text a content block contributes to a message; non-text blocks become a short bracketed marker. */
export function textOfContent(block: ContentBlock): string {
	// Agents may send block types this build does not know, or malformed blocks: never throw.
	const loose = block as unknown as Record<string, unknown> | null | undefined;
	if (loose === null || typeof loose !== 'object') {
		return '';
	}

	switch (block.type) {
		case 'text': {
			return typeof block.text === 'string' ? block.text : '';
		}

		case 'image':
		case 'audio': {
			return `[${block.type} ${stringOr(block.mimeType, 'unknown')}]`;
		}

		case 'resource_link': {
			const label = stringOr(block.title, '') || stringOr(block.name, '') || stringOr(block.uri, '');
			return `[${label}](${stringOr(block.uri, '')})`;
		}

		case 'resource': {
			const resource = (block.resource ?? {}) as Record<string, unknown>;
			const head = `[resource ${stringOr(resource['uri'], '')}]`;
			const text = resource['text'];
			return typeof text === 'string' && text !== '' ? `${head}\n${text}` : head;
		}

		default: {
			return `[${stringOr(loose['type'], 'content')}]`;
		}
	}
}

/** The last non-empty line of the latest agent text, trimmed; `undefined` if the agent has said nothing. */
export function lastLine(state: TranscriptState): string | undefined {
	const {entries} = state;
	for (let i = entries.length - 1; i >= 0; i--) {
		const entry = entries[i];
		if (entry?.kind !== 'agent-text') {
			continue;
		}

		const line = lastNonEmptyLine(entry.text);
		if (line !== undefined) {
			return line;
		}
	}

	return undefined;
}

/** Scans from the end so a long message costs only its tail (called on every chunk by the host). */
export function lastNonEmptyLine(text: string): string | undefined {
	let end = text.length;
	while (end > 0) {
		const start = text.lastIndexOf('\n', end - 1);
		const line = text.slice(start + 1, end).trim();
		if (line !== '') {
			return line;
		}

		end = start < 0 ? 0 : start;
	}

	return undefined;
}

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' ? value : fallback;
}
