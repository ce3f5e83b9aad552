/**
Prompt turns (DESIGN §4.3–4.4): one turn per session at a time, later prompts queued and sent at turn end;
`activePrompts` counts in-flight `session/prompt` requests; a completion that arrives after the agent stopped
or after the turn was cleared changes nothing.
*/
import type {ContentBlock} from '../model/acp-types.js';
import {decrement} from '../model/phase.js';
import type {HostError, PermissionPrompt} from '../model/types.js';
import {liveConnection} from './agent-lifecycle.js';
import type {HostCore} from './host.js';
import type {HostSession, Turn} from './host-session.js';

const now = () => new Date().toISOString();

export function startTurn(core: HostCore, session: HostSession, text: string | readonly ContentBlock[], client: string | undefined): void {
	const connection = liveConnection(core);
	const blocks: readonly ContentBlock[] = typeof text === 'string' ? [{type: 'text', text}] : text;
	const plain = blocks.map(block => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
	const turn: Turn = {started: Date.now(), startedIso: now(), agentPid: connection.pid, firstIndex: session.store.state.nextIndex, cancelRequested: false};
	session.turn = turn;
	session.interrupted = false;
	// A restored session's late history replay (restore-sessions.ts) is over once the user speaks again.
	session.replaying = undefined;
	core.activePrompts++;
	core.record(session, {type: 'prompt', ts: turn.startedIso, text: plain, client},
		{type: 'prompt', text: plain, ...(typeof text === 'string' ? {} : {blocks}), client});
	core.emitSession(session);
	core.emitHost();
	connection.prompt(session.agentSessionId, blocks).then(
		result => {
			finishTurn(core, session, turn, result.stopReason);
		},
		(error: unknown) => {
			// A dead agent is handled by onAgentExit (interrupted, never re-sent); anything else ends the turn with an error.
			if (core.connection !== connection || (error as HostError).code === 'agent-stopped') return;
			if (session.turn !== turn) return;
			core.record(session, {type: 'error', ts: now(), message: (error as Error).message}, {type: 'error', message: (error as Error).message});
			finishTurn(core, session, turn, 'error');
		},
	);
}

export function finishTurn(core: HostCore, session: HostSession, turn: Turn, stopReason: string): void {
	if (session.turn !== turn || core.agentState === 'stopped') return;
	session.turn = undefined;
	core.activePrompts = decrement(core.activePrompts);
	core.broker.cancel(session.id, 'host');
	markUnfinishedToolCalls(core, session, turn, stopReason === 'cancelled' || turn.cancelRequested);
	const ms = Date.now() - turn.started;
	core.record(session, {type: 'turn-end', ts: now(), stopReason, ms}, {type: 'turn-end', stopReason, ms});
	session.log.flush();
	const next = session.queue.shift();
	if (next !== undefined && !session.ended) {
		startTurn(core, session, next, 'queue');
	} else {
		core.emitSession(session);
		core.emitHost();
	}
}

/**
ACP prompt-turn "Cancellation": the client SHOULD show the turn's unfinished tool calls as cancelled. codex sends no
final update for a tool call whose permission was rejected or whose command was running when the turn was aborted
(docs/agent-quirks.md §1.5), so without this they would stay pending / in progress forever. ToolCallStatus has no
`cancelled`: `failed` it is, flagged in `_meta`. A host-made view update: the log keeps only what the agent sent.
A turn that ends otherwise marks only the tool calls whose permission was refused: gemini sends nothing for a
rejected call (no `tool_call` ever, and no final `tool_call_update`, agent-quirks §1.1) and ends the turn `end_turn`
after the model answered the refusal, which would leave the call `pending` forever.
*/
function markUnfinishedToolCalls(core: HostCore, session: HostSession, turn: Turn, cancelled: boolean): void {
	// Unfinished tool calls are never archived (transcript-archive.ts pins them): the in-memory entries are enough.
	const held = [...session.store.pinnedEntries(), ...session.store.state.entries];
	for (const entry of held) {
		if (entry.index < turn.firstIndex) continue;
		if (entry.kind !== 'tool-call' || (entry.status !== 'pending' && entry.status !== 'in_progress')) continue;
		const refused = refusedPermission(entry.permission);
		if (!cancelled && !refused) continue;
		const mark = cancelled ? {cancelled: true} : {rejected: true};
		core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'tool_call_update', toolCallId: entry.toolCallId, status: 'failed', _meta: {agents: mark}}});
	}
}

/** Answered with a `reject_*` option, or `cancelled`: the agent was told not to run the tool. */
function refusedPermission(permission: PermissionPrompt | undefined): boolean {
	const outcome = permission?.resolution?.outcome;
	if (!outcome) return false;
	if (outcome.outcome === 'cancelled') return true;
	const kind = permission.options.find(option => option.optionId === outcome.optionId)?.kind;
	return kind === 'reject_once' || kind === 'reject_always';
}
