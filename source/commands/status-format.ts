/**
`agents status` values and the tmux-style format (`#{phase} #{running}/#{sessions}`), pure so they are unit
tested. Counts come from per-session states the host computed from protocol state (DESIGN §4.4).
*/
import type {HostPhase, Snapshot} from '../model/types.js';

export type StatusValues = {
	readonly phase: HostPhase | 'none';
	readonly running: number;
	readonly waiting: number;
	readonly idle: number;
	readonly stopped: number;
	readonly sessions: number;
	readonly clients: number;
	readonly hosts: number;
	readonly host: string;
	readonly agent: string;
	readonly summary: string;
};

/** The more urgent phase wins when hosts are aggregated: a human is needed > work > startup > rest. */
const phaseRank: Readonly<Record<StatusValues['phase'], number>> = {waiting: 5, running: 4, starting: 3, idle: 2, stopped: 1, none: 0};

export function summarize(values: Pick<StatusValues, 'phase' | 'running' | 'waiting'>): string {
	const parts: string[] = [];
	if (values.running > 0) parts.push(`${values.running} running`);
	if (values.waiting > 0) parts.push(`${values.waiting} waiting`);
	if (parts.length > 0) return parts.join(' · ');
	return values.phase === 'none' ? 'no hosts' : values.phase;
}

export function hostValues(snapshot: Snapshot): StatusValues {
	const states = snapshot.sessions.map(session => session.info.state).filter(state => state !== 'ended');
	const count = (...wanted: string[]): number => states.filter(state => wanted.includes(state)).length;
	const stopped = snapshot.host.phase === 'stopped';
	const base = {
		phase: snapshot.host.phase,
		running: stopped ? 0 : count('running', 'cancelling'),
		waiting: stopped ? 0 : count('waiting'),
		idle: count('idle'),
		stopped: count('stopped', 'interrupted'),
		sessions: states.length,
		// `agents status` reads this over its own connection, which the host counts too.
		clients: Math.max(0, snapshot.host.clients - 1),
		hosts: 1,
		host: snapshot.host.hostId,
		agent: snapshot.host.agent.name,
	};
	return {...base, summary: summarize(base)};
}

export function aggregateValues(hosts: readonly StatusValues[]): StatusValues {
	const sum = (key: 'running' | 'waiting' | 'idle' | 'stopped' | 'sessions' | 'clients'): number => hosts.reduce((total, values) => total + values[key], 0);
	const phase = hosts.reduce<StatusValues['phase']>((best, values) => phaseRank[values.phase] > phaseRank[best] ? values.phase : best, 'none');
	const [only] = hosts;
	const base = {
		phase,
		running: sum('running'),
		waiting: sum('waiting'),
		idle: sum('idle'),
		stopped: sum('stopped'),
		sessions: sum('sessions'),
		clients: sum('clients'),
		hosts: hosts.length,
		host: hosts.length === 1 && only ? only.host : `${hosts.length} hosts`,
		agent: [...new Set(hosts.map(values => values.agent))].join(','),
	};
	return {...base, summary: summarize(base)};
}

/** tmux-style `#{name}` placeholders; unknown names render empty (as tmux does); `##` is a literal `#`. */
export function formatStatus(format: string, values: StatusValues): string {
	return format.replaceAll(/##|#\{(\w+)\}/g, (match, name: string | undefined) => {
		if (match === '##') return '#';
		const value = (values as Readonly<Record<string, string | number>>)[name ?? ''];
		return value === undefined ? '' : String(value);
	});
}

export const defaultHostFormat = '#{agent}: #{summary}';
export const defaultAggregateFormat = 'agents: #{summary}';
