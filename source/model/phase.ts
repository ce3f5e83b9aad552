/**
The phase rules of DESIGN §4.4: computed from protocol state only (agent liveness, in-flight prompts,
unanswered permission requests), never guessed from text.
*/
import type {HostPhase, SessionState} from './types.js';

export type AgentLiveness = 'starting' | 'running' | 'stopped';

export function hostPhase(agent: AgentLiveness, activePrompts: number, pendingPermissions: number): HostPhase {
	if (agent === 'stopped') return 'stopped';
	if (agent === 'starting') return 'starting';
	if (pendingPermissions > 0) return 'waiting';
	if (activePrompts > 0) return 'running';
	return 'idle';
}

export type SessionFacts = {
	readonly ended: boolean;
	readonly agent: AgentLiveness;
	/** The last turn was cut off by the agent's exit and the session was not restored since. */
	readonly interrupted: boolean;
	readonly turnActive: boolean;
	readonly cancelRequested: boolean;
	readonly pendingPermissions: number;
};

export function sessionState(facts: SessionFacts): SessionState {
	if (facts.ended) return 'ended';
	if (facts.agent === 'stopped') return facts.interrupted ? 'interrupted' : 'stopped';
	if (!facts.turnActive) return 'idle';
	if (facts.cancelRequested) return 'cancelling';
	return facts.pendingPermissions > 0 ? 'waiting' : 'running';
}

/** `running 2 · waiting 1`, or the bare phase when nothing is counted. */
export function phaseSummary(phase: HostPhase, running: number, waiting: number): string {
	const parts: string[] = [];
	if (running > 0) parts.push(`running ${running}`);
	if (waiting > 0) parts.push(`waiting ${waiting}`);
	return parts.length > 0 ? parts.join(' · ') : phase;
}

/** Decrement that never goes below zero (DESIGN §4.4). */
export function decrement(count: number): number {
	return count > 0 ? count - 1 : 0;
}
