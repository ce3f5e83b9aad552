/**
Permission requests waiting for a human (DESIGN §4.5): held per session, answerable by any attached client,
first answer wins, everyone learns the winner; `cancel` answers the session's requests `cancelled`, as ACP
requires ("The Client MUST respond to all pending session/request_permission requests with the cancelled
outcome", docs/acp-client-reference.md §5). With no client attached a request simply waits.
*/
import type {PermissionOption, ToolCallFields} from '../model/acp-types.js';
import type {AnswerResult, PendingPermission, PermissionOutcome} from '../model/types.js';

type Waiting = PendingPermission & {readonly resolve: (outcome: PermissionOutcome) => void};

export type PermissionResolved = {
	readonly sessionId: string;
	readonly requestId: string;
	readonly outcome: PermissionOutcome;
	readonly by: string;
};

export class PermissionBroker {
	readonly #pending = new Map<string, Waiting>();
	/** requestId → who answered, kept so a late answer learns the winner. */
	readonly #answeredBy = new Map<string, string>();
	readonly #onResolved: (resolved: PermissionResolved) => void;

	constructor(onResolved: (resolved: PermissionResolved) => void) {
		this.#onResolved = onResolved;
	}

	get count(): number {
		return this.#pending.size;
	}

	/** Register a request; resolves with the first answer (or `cancelled`). */
	async request(sessionId: string, requestId: string, toolCall: ToolCallFields, options: readonly PermissionOption[]): Promise<PermissionOutcome> {
		return new Promise(resolve => {
			this.#pending.set(requestId, {
				requestId,
				sessionId,
				toolCallId: toolCall.toolCallId,
				title: toolCall.title ?? toolCall.toolCallId,
				options,
				since: new Date().toISOString(),
				resolve,
			});
		});
	}

	pending(sessionId?: string): readonly PendingPermission[] {
		const all = [...this.#pending.values()].map(({resolve: _resolve, ...rest}) => rest);
		return sessionId === undefined ? all : all.filter(entry => entry.sessionId === sessionId);
	}

	countFor(sessionId: string): number {
		let count = 0;
		for (const entry of this.#pending.values()) if (entry.sessionId === sessionId) count++;
		return count;
	}

	/** First answer wins; an unknown option id is refused without consuming the request. */
	answer(requestId: string, optionId: string | undefined, by: string): AnswerResult {
		const waiting = this.#pending.get(requestId);
		if (!waiting) {
			const winner = this.#answeredBy.get(requestId);
			return winner === undefined ? {accepted: false} : {accepted: false, winner};
		}
		if (optionId !== undefined && !waiting.options.some(option => option.optionId === optionId)) {
			return {accepted: false};
		}
		this.#settle(waiting, optionId === undefined ? {outcome: 'cancelled'} : {outcome: 'selected', optionId}, by);
		return {accepted: true, winner: by};
	}

	/** Answer every pending request of a session (or all sessions) with `cancelled`. */
	cancel(sessionId: string | undefined, by: string): number {
		let count = 0;
		for (const waiting of [...this.#pending.values()]) {
			if (sessionId === undefined || waiting.sessionId === sessionId) {
				this.#settle(waiting, {outcome: 'cancelled'}, by);
				count++;
			}
		}
		return count;
	}

	/** The agent withdrew its request (`$/cancel_request`): drop it without an answer event from a client. */
	withdraw(requestId: string): void {
		const waiting = this.#pending.get(requestId);
		if (waiting) this.#settle(waiting, {outcome: 'cancelled'}, 'agent');
	}

	#settle(waiting: Waiting, outcome: PermissionOutcome, by: string): void {
		this.#pending.delete(waiting.requestId);
		this.#answeredBy.set(waiting.requestId, by);
		if (this.#answeredBy.size > 10_000) this.#answeredBy.delete(this.#answeredBy.keys().next().value!);
		waiting.resolve(outcome);
		this.#onResolved({sessionId: waiting.sessionId, requestId: waiting.requestId, outcome, by});
	}
}
