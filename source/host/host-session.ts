/**
One session as the host holds it: the authoritative transcript, the prompt queue, the in-flight turn and the
JSONL log writer. Every change goes through `record()` so transcript, log and clients never disagree.
*/
import type {LogRecordBody} from '../model/log-record.js';
import type {McpServer} from '../model/acp-types.js';
import {sessionState, type AgentLiveness} from '../model/phase.js';
import {modelOf, modeOf, TranscriptStore} from '../model/transcript.js';
import type {PendingPermission, SessionInfo, TranscriptAction} from '../model/types.js';
import type {SessionLogWriter} from '../log/session-log-writer.js';
import type {FileEntryArchive} from './entry-archive.js';

export type Turn = {
	readonly started: number;
	readonly startedIso: string;
	/** The agent process the turn runs on; a completion from another one is ignored (DESIGN §4.4). */
	readonly agentPid: number;
	/** Transcript index of the turn's prompt entry: where the turn's tool calls start. */
	readonly firstIndex: number;
	cancelRequested: boolean;
};

export class HostSession {
	readonly id: string;
	/** The agent's own id for this session: differs from `id` after a restart that had to open a new session. */
	agentSessionId: string;
	readonly cwd: string;
	readonly mcpServers: readonly McpServer[];
	readonly created: string;
	readonly store: TranscriptStore;
	readonly log: SessionLogWriter;
	/** Where the store's older entries live (closed when the session ends); absent → all in memory. */
	readonly archive: FileEntryArchive | undefined;
	queue: string[] = [];
	turn: Turn | undefined;
	interrupted = false;
	ended = false;
	/**
	While `session/load` replays history the host already has, replayed updates are counted, not appended. `late`:
	the load has answered, but history updates may still come until the next turn starts (restore-sessions.ts).
	*/
	replaying: {count: number; late: boolean} | undefined;

	constructor(options: {readonly id: string; readonly cwd: string; readonly mcpServers: readonly McpServer[]; readonly created: Date; readonly log: SessionLogWriter; readonly store?: TranscriptStore; readonly archive?: FileEntryArchive}) {
		this.id = options.id;
		this.agentSessionId = options.id;
		this.cwd = options.cwd;
		this.mcpServers = options.mcpServers;
		this.created = options.created.toISOString();
		this.log = options.log;
		this.archive = options.archive;
		this.store = options.store ?? new TranscriptStore();
	}

	/** Apply an action to the transcript and write its log record (when it has one). */
	record(action: TranscriptAction, logBody: LogRecordBody | undefined): void {
		this.store.apply(action);
		if (logBody) this.log.append(logBody);
	}

	info(agent: AgentLiveness, pending: readonly PendingPermission[]): SessionInfo {
		const {meta} = this.store.state;
		return {
			id: this.id,
			...(this.agentSessionId === this.id ? {} : {agentSessionId: this.agentSessionId}),
			cwd: this.cwd,
			title: meta.title,
			state: sessionState({
				ended: this.ended,
				agent,
				interrupted: this.interrupted,
				turnActive: this.turn !== undefined,
				cancelRequested: this.turn?.cancelRequested ?? false,
				pendingPermissions: pending.length,
			}),
			mode: modeOf(meta),
			model: modelOf(meta),
			queue: [...this.queue],
			pendingPermissions: pending,
			created: this.created,
			turnStarted: this.turn?.startedIso,
			lastLine: this.store.lastLine(),
			logPath: this.log.path,
			logDegraded: this.log.degraded || undefined,
		};
	}
}

/** Bundle-level MCP servers merged with per-session ones, deduplicated by name, the session's entry winning (DESIGN §4.3). */
export function mergeMcpServers(configured: readonly McpServer[], perSession: readonly McpServer[]): McpServer[] {
	const byName = new Map<string, McpServer>();
	for (const server of [...configured, ...perSession]) byName.set(server.name, server);
	return [...byName.values()];
}
