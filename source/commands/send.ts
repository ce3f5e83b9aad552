/**
`agents send ID [-s SID] [--wait] TEXT` (DESIGN §8). Default session: the host's first live one; none → open one.
With `--wait` the agent's reply text streams to stdout and the exit code tells how the turn ended:
0 end_turn, 3 cancelled, 4 another stopReason, 5 the agent (or host) died mid-turn.
Our turn is recognised by its `prompt` transcript action (our text, our client id): a prompt sent while the
session is busy is queued by the host and only starts after the turns ahead of it (DESIGN §4.3).
*/
import type {ClientMessage, HostClient, Snapshot, TranscriptAction} from '../model/types.js';
import {liveSessions, openHost, resolveSession} from './connect.js';
import {CliError, writeOut, type CommandIo} from './io.js';
import {PlainWriter, replyText} from './plain-text.js';

export const sendExitCodes = {ok: 0, failure: 1, cancelled: 3, otherStop: 4, agentDied: 5} as const;

export function exitCodeForStop(stopReason: string): number {
	if (stopReason === 'end_turn') return sendExitCodes.ok;
	if (stopReason === 'cancelled') return sendExitCodes.cancelled;
	return sendExitCodes.otherStop;
}

export async function sendCommand(query: string, text: string, options: {readonly session?: string; readonly wait: boolean}, io: CommandIo): Promise<number> {
	const {client} = await openHost(query, io, {name: 'send'});
	try {
		let sessionId = options.session ? resolveSession(client.snapshot, options.session).id : liveSessions(client.snapshot)[0]?.id;
		sessionId ??= (await client.newSession({})).id;
		if (!options.wait) {
			const result = await client.prompt(sessionId, text);
			if (result.queued) io.stderr.write(`agents: queued on ${sessionId} (${result.queueLength} waiting)\n`);
			return 0;
		}

		return await promptAndWait(client, sessionId, text, io);
	} finally {
		client.close();
	}
}

type TurnOutcome = {readonly code: number; readonly message?: string};

/** Find how our turn ended in a (re)snapshot after an event gap: its prompt entry, then a turn end after it. */
function outcomeInSnapshot(snapshot: Snapshot, sessionId: string, text: string): {started: boolean; outcome?: TurnOutcome} {
	const session = snapshot.sessions.find(candidate => candidate.info.id === sessionId);
	if (!session) return {started: true, outcome: {code: sendExitCodes.failure, message: `session ${sessionId} is gone`}};
	const {entries} = session.transcript;
	const promptIndex = entries.findLastIndex(entry => entry.kind === 'prompt' && entry.text === text);
	if (promptIndex === -1) return {started: false};
	for (const entry of entries.slice(promptIndex + 1)) {
		if (entry.kind === 'turn-end') return {started: true, outcome: {code: exitCodeForStop(entry.stopReason), message: entry.stopReason === 'end_turn' ? undefined : `turn ended: ${entry.stopReason}`}};
		if (entry.kind === 'interrupted' || entry.kind === 'agent-stopped') return {started: true, outcome: {code: sendExitCodes.agentDied, message: `agent died mid-turn: ${entry.reason}`}};
	}

	return {started: true};
}

async function promptAndWait(client: HostClient, sessionId: string, text: string, io: CommandIo): Promise<number> {
	const writer = new PlainWriter(chunk => {
		io.stdout.write(chunk);
	});
	let started = false;
	let finished = false;
	let settle: (outcome: TurnOutcome) => void = () => {};
	const outcome = new Promise<TurnOutcome>(resolve => {
		settle = resolve;
	});
	const finish = (result: TurnOutcome): void => {
		if (finished) return;
		finished = true;
		settle(result);
	};

	const onAction = (action: TranscriptAction): void => {
		if (!started) {
			// Ours: the prompt entry with our text (the host adds it when the turn starts, after any queued ones).
			if (action.type === 'prompt' && action.text === text) started = true;
			return;
		}

		switch (action.type) {
			case 'update': {
				const reply = replyText(action.update);
				if (reply !== undefined) writer.piece({text: reply, inline: true});
				return;
			}

			case 'permission-request': {
				// Nobody may be attached to answer: say so instead of hanging silently (DESIGN §4.5).
				io.stderr.write(`agents: waiting for permission: ${action.toolCall.title ?? action.toolCall.toolCallId} (answer it in agents attach ${client.hostId})\n`);
				return;
			}

			case 'turn-end': {
				finish({code: exitCodeForStop(action.stopReason), message: action.stopReason === 'end_turn' ? undefined : `turn ended: ${action.stopReason}`});
				return;
			}

			case 'interrupted':
			case 'agent-stopped': {
				finish({code: sendExitCodes.agentDied, message: `agent died mid-turn: ${action.reason}`});
				return;
			}

			default:
		}
	};

	const unsubscribe = client.subscribe((message: ClientMessage) => {
		if (message.type === 'snapshot') {
			const found = outcomeInSnapshot(message.snapshot, sessionId, text);
			started ||= found.started;
			if (found.outcome) finish(found.outcome);
			return;
		}

		const {event} = message;
		if (event.kind === 'transcript' && event.sessionId === sessionId) onAction(event.action);
		else if (event.kind === 'session-removed' && event.sessionId === sessionId) finish({code: sendExitCodes.failure, message: `session ${sessionId} ended`});
	});
	const offClose = client.onClose(reason => {
		finish({code: started ? sendExitCodes.agentDied : sendExitCodes.failure, message: `connection to the host lost: ${reason}`});
	});

	try {
		await client.prompt(sessionId, text);
	} catch (error) {
		unsubscribe();
		offClose();
		throw error instanceof Error ? new CliError(error.message) : error;
	}

	const result = await outcome;
	unsubscribe();
	offClose();
	writer.end();
	await writeOut(io, '');
	if (result.message) io.stderr.write(`agents: ${result.message}\n`);
	return result.code;
}
