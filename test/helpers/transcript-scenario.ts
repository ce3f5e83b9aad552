/**
A seeded, realistic transcript action sequence shared by the transcript tests (tail convergence, archive
equivalence). Not a test file itself.
*/
import type {TranscriptAction} from '../../source/model/types.js';
import {codexOptions, nextTs, prompt, say, think, turnEnd, update} from './transcript-fixtures.js';

/** A small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

/**
A long, realistic action sequence: turns with chunks (with and without messageIds), tool calls in the styles of
codex, gemini and claude, updates to tool calls of earlier turns, plans, metadata, unknown kinds, permissions
answered late or never, cancels, interrupts and an agent restart.
*/
export function scenario(seed: number, turns: number): TranscriptAction[] {
	const rnd = random(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
	const actions: TranscriptAction[] = [];
	const open: string[] = [];
	const pending: string[] = [];
	let ids = 0;
	for (let turn = 0; turn < turns; turn++) {
		actions.push(prompt(`turn ${turn}`));
		const steps = 3 + Math.floor(rnd() * 12);
		for (let step = 0; step < steps; step++) {
			const roll = rnd();
			if (roll < 0.3) {
				const messageId = rnd() < 0.5 ? undefined : `m${turn}-${Math.floor(rnd() * 2)}`;
				actions.push(rnd() < 0.7 ? say(`tok${step} `, messageId) : think(`t${step}`, messageId));
			} else if (roll < 0.45) {
				const id = `call_${ids++}`;
				open.push(id);
				actions.push(update({sessionUpdate: 'tool_call', toolCallId: id, title: 'Terminal', kind: 'execute', status: 'pending'}));
			} else if (roll < 0.55) {
				// codex / gemini: the permission is the first thing seen of the tool call.
				const id = `call_${ids++}`;
				const requestId = rnd() < 0.5 ? String(ids) : `uuid-${ids}`;
				open.push(id);
				pending.push(requestId);
				actions.push({type: 'permission-request', ts: nextTs(), requestId, toolCall: {toolCallId: id, title: `cmd ${id}`, kind: 'execute'}, options: codexOptions});
			} else if (roll < 0.7 && open.length > 0) {
				// Any open tool call, maybe one from an earlier turn, maybe one before a client's tail.
				const id = pick(open);
				const status = pick(['in_progress', 'completed', 'failed'] as const);
				if (status !== 'in_progress') {
					open.splice(open.indexOf(id), 1);
				}

				actions.push(update({sessionUpdate: 'tool_call_update', toolCallId: id, status, content: [{type: 'content', content: {type: 'text', text: `out ${step}`}}]}));
			} else if (roll < 0.75 && pending.length > 0) {
				const requestId = pending.shift()!;
				actions.push({type: 'permission-resolved', ts: nextTs(), requestId, outcome: {outcome: 'selected', optionId: 'approved'}, by: 'tui-1'});
			} else if (roll < 0.82) {
				actions.push(update({sessionUpdate: 'plan', entries: [{content: `step ${step}`, priority: 'high', status: pick(['pending', 'in_progress', 'completed'] as const)}]}));
			} else if (roll < 0.88) {
				actions.push(update(pick([
					{sessionUpdate: 'usage_update', used: step * 100, size: 200_000, cost: {amount: step / 100, currency: 'USD'}},
					{sessionUpdate: 'current_mode_update', currentModeId: pick(['default', 'plan'])},
					{sessionUpdate: 'session_info_update', title: rnd() < 0.2 ? null : `title ${turn}`},
					{sessionUpdate: 'available_commands_update', availableCommands: [{name: 'init', description: 'Init'}]},
				])));
			} else if (roll < 0.92) {
				actions.push(update({sessionUpdate: 'compaction_update', compactionId: `c${step}`, status: 'in_progress'}));
			} else {
				// An agent that re-sends `tool_call` for a known id (claude-code 0.16.2).
				const id = open.length > 0 ? pick(open) : `call_${ids++}`;
				actions.push(update({sessionUpdate: 'tool_call', toolCallId: id, title: `real ${id}`, kind: 'execute', status: 'in_progress'}));
			}
		}

		const end = rnd();
		if (end < 0.08) {
			actions.push({type: 'interrupted', ts: nextTs(), reason: 'agent exited'});
			pending.length = 0;
		} else if (end < 0.11) {
			actions.push({type: 'agent-stopped', ts: nextTs(), reason: 'exit 1'}, {type: 'history-divider', ts: nextTs(), text: 'restored'});
			pending.length = 0;
			open.length = 0;
		} else {
			actions.push(turnEnd(end < 0.2 ? 'cancelled' : 'end_turn'));
		}
	}

	return actions;
}
