/**
Live terminal output inside the tool call that embeds the terminal (DESIGN §4.6: "Live terminal output is
shown in the tool call that embeds it"). ACP tool calls only reference a terminal by id; the host adds a text
block with the current output right after each reference, marked so the next refresh replaces it.
*/
import type {ToolCallContent} from '../model/acp-types.js';
import type {TranscriptEntry} from '../model/types.js';

export type TerminalPeek = (terminalId: string) => {readonly output: string; readonly truncated: boolean} | undefined;

/** Marker field on the text block the host inserted (ignored by everything but this module). */
const marker = 'agentsTerminalOutput';

export function withTerminalOutput(content: readonly ToolCallContent[], peek: TerminalPeek): ToolCallContent[] | undefined {
	let changed = false;
	const result: ToolCallContent[] = [];
	for (const block of content) {
		if ((block as Record<string, unknown>)[marker] !== undefined) {
			changed = true;
			continue;
		}
		result.push(block);
		if (block.type === 'terminal') {
			const seen = peek(block.terminalId);
			if (seen) {
				changed = true;
				const text = seen.truncated ? `…\n${seen.output}` : seen.output;
				result.push({type: 'content', content: {type: 'text', text}, [marker]: block.terminalId} as ToolCallContent);
			}
		}
	}
	return changed ? result : undefined;
}

/** The newest tool call whose content references `terminalId` (scans the recent end of the transcript). */
export function findTerminalToolCall(entries: readonly TranscriptEntry[], terminalId: string, maxScan = 500): Extract<TranscriptEntry, {kind: 'tool-call'}> | undefined {
	for (let index = entries.length - 1; index >= 0 && index >= entries.length - maxScan; index--) {
		const entry = entries[index]!;
		if (entry.kind === 'tool-call' && entry.content.some(block => block.type === 'terminal' && block.terminalId === terminalId)) return entry;
	}
	return undefined;
}
