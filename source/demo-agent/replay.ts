/**
`session/load` replays the stored conversation as `session/update`s before it answers (ACP spec, session-setup:
"the Agent MUST replay the entire conversation"): user turns as `user_message_chunk`, replies as
`agent_message_chunk`, tool calls as `tool_call` in their final state.
*/
import {methods, type AgentContext, type SessionUpdate} from '../acp/agent-side.js';
import type {HistoryItem, StoredSession} from './store.js';

export function replayUpdate(item: HistoryItem): SessionUpdate {
	switch (item.role) {
		case 'user': {
			return {sessionUpdate: 'user_message_chunk', content: {type: 'text', text: item.text}};
		}
		case 'agent': {
			return {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: item.text}};
		}
		case 'tool': {
			// A turn that died mid-call left it unfinished: replay it as failed, never as still running.
			const status = item.status === 'completed' || item.status === 'failed' ? item.status : 'failed';
			return {sessionUpdate: 'tool_call', toolCallId: item.toolCallId, title: item.title, kind: item.kind, status, content: item.content, locations: item.locations};
		}
	}
}

export async function replayHistory(client: AgentContext, session: StoredSession): Promise<void> {
	for (const item of session.history) {
		await client.notify(methods.client.session.update, {sessionId: session.sessionId, update: replayUpdate(item)});
	}
}
