/**
The shared vocabulary of host, wire and UI: transcript entries, the actions that build them, session and
host state, events and snapshots (DESIGN §4, §5). Plain data only: everything here crosses the socket as JSON.
*/
import type {
	AvailableCommand,
	ContentBlock,
	McpServer,
	PermissionOption,
	PlanEntry,
	SessionConfigOption,
	SessionModeState,
	SessionUpdate,
	StopReason,
	ToolCallContent,
	ToolCallFields,
	ToolCallLocation,
	ToolCallStatus,
	ToolKind,
} from './acp-types.js';

/** Aggregate host phase (DESIGN §4.4). */
export type HostPhase = 'starting' | 'idle' | 'running' | 'waiting' | 'stopped';

/** Per-session state (DESIGN §4.4). */
export type SessionState = 'idle' | 'running' | 'waiting' | 'cancelling' | 'interrupted' | 'stopped' | 'ended';

// ---------------------------------------------------------------------------------------------------------
// Transcript

export type PermissionOutcome =
	| {readonly outcome: 'selected'; readonly optionId: string}
	| {readonly outcome: 'cancelled'};

/** The permission prompt attached to a tool call entry. */
export type PermissionPrompt = {
	readonly requestId: string;
	readonly options: readonly PermissionOption[];
	/** Set once answered: the outcome and which client answered (`host` for cancel/agent exit). */
	readonly resolution?: {readonly outcome: PermissionOutcome; readonly by: string};
};

type EntryBase = {
	/** Position in the session's transcript, 0-based, never reused: the key for history paging and UI caches. */
	readonly index: number;
	/** ISO time the entry was created. */
	readonly ts: string;
};

export type TranscriptEntry =
	| (EntryBase & {readonly kind: 'prompt'; readonly text: string; readonly client?: string; readonly replayed?: boolean; readonly messageId?: string})
	| (EntryBase & {readonly kind: 'agent-text'; readonly text: string; readonly messageId?: string})
	| (EntryBase & {readonly kind: 'thought'; readonly text: string; readonly messageId?: string})
	| (EntryBase & {
		readonly kind: 'tool-call';
		readonly toolCallId: string;
		readonly title: string;
		readonly toolKind: ToolKind | 'other';
		readonly status: ToolCallStatus;
		readonly content: readonly ToolCallContent[];
		readonly locations: readonly ToolCallLocation[];
		readonly rawInput?: unknown;
		readonly rawOutput?: unknown;
		readonly permission?: PermissionPrompt;
	})
	| (EntryBase & {readonly kind: 'plan'; readonly entries: readonly PlanEntry[]})
	| (EntryBase & {readonly kind: 'turn-end'; readonly stopReason: StopReason; readonly ms: number})
	| (EntryBase & {readonly kind: 'interrupted'; readonly reason: string})
	| (EntryBase & {readonly kind: 'error'; readonly message: string})
	| (EntryBase & {readonly kind: 'notice'; readonly severity: string; readonly title: string; readonly description?: string})
	| (EntryBase & {readonly kind: 'agent-stopped'; readonly reason: string})
	| (EntryBase & {readonly kind: 'history-divider'; readonly text: string})
	| (EntryBase & {readonly kind: 'raw'; readonly update: unknown});

export type TranscriptEntryKind = TranscriptEntry['kind'];

/**
Everything that changes a session's transcript or its metadata. The host applies these to its own
store and broadcasts the same actions as events; clients apply them with the same pure reducer, so every
view converges on the host's transcript.
*/
export type TranscriptAction =
	| {readonly type: 'update'; readonly ts: string; readonly update: SessionUpdate; readonly replay?: boolean}
	| {readonly type: 'prompt'; readonly ts: string; readonly text: string; readonly client?: string}
	| {readonly type: 'permission-request'; readonly ts: string; readonly requestId: string; readonly toolCall: ToolCallFields; readonly options: readonly PermissionOption[]}
	| {readonly type: 'permission-resolved'; readonly ts: string; readonly requestId: string; readonly outcome: PermissionOutcome; readonly by: string}
	| {readonly type: 'turn-end'; readonly ts: string; readonly stopReason: StopReason; readonly ms: number}
	| {readonly type: 'interrupted'; readonly ts: string; readonly reason: string}
	| {readonly type: 'error'; readonly ts: string; readonly message: string}
	| {readonly type: 'agent-stopped'; readonly ts: string; readonly reason: string}
	| {readonly type: 'history-divider'; readonly ts: string; readonly text: string};

/** Session metadata derived from updates (not transcript entries). */
export type SessionMeta = {
	readonly title?: string;
	readonly modes?: SessionModeState;
	readonly configOptions?: readonly SessionConfigOption[];
	readonly availableCommands?: readonly AvailableCommand[];
	readonly usage?: {readonly used: number; readonly size: number; readonly cost?: {readonly amount: number; readonly currency: string} | null};
};

/** A session's transcript plus metadata: the reducer's state. */
export type TranscriptState = {
	/** Entries in order; may be a tail (first entry's index > 0) on clients. */
	readonly entries: readonly TranscriptEntry[];
	/** Index the next entry will get. */
	readonly nextIndex: number;
	readonly meta: SessionMeta;
	/**
	Set on a tail only: where entries before the first held one are that later actions may still touch, so a
	client applying actions to a tail gives new entries the same indexes as the host (an update for a tool call
	the client does not hold must not create a new entry). `toolCalls` maps toolCallId → index for unfinished
	tool calls and those of the current turn; `plan` is the index of the current turn's plan.
	*/
	readonly tailRefs?: TailRefs;
};

export type TailRefs = {readonly toolCalls: Readonly<Record<string, number>>; readonly plan?: number};

// ---------------------------------------------------------------------------------------------------------
// Sessions and host

export type PendingPermission = {
	readonly requestId: string;
	readonly sessionId: string;
	readonly toolCallId: string;
	readonly title: string;
	readonly options: readonly PermissionOption[];
	readonly since: string;
};

export type SessionInfo = {
	readonly id: string;
	/** The agent's id for this session when it differs from `id` (after a restart that opened a new agent session). */
	readonly agentSessionId?: string;
	readonly cwd: string;
	readonly title?: string;
	readonly state: SessionState;
	/** Current mode id and the selectable ones. */
	readonly mode?: string;
	/** Value of the config option with category `model`, if any. */
	readonly model?: string;
	readonly queue: readonly string[];
	readonly pendingPermissions: readonly PendingPermission[];
	readonly created: string;
	/** When the running turn started (ISO), if one is in flight. */
	readonly turnStarted?: string;
	/** Last line of agent output, for choosers and `ls`. */
	readonly lastLine?: string;
	readonly logPath?: string;
	readonly logDegraded?: boolean;
};

export type AgentStatus = {
	readonly name: string;
	readonly command: string;
	readonly args: readonly string[];
	readonly pid?: number;
	readonly state: 'starting' | 'running' | 'stopped';
	/** Why the agent stopped (exit code / signal / error). */
	readonly exitReason?: string;
	readonly agentInfo?: {readonly name?: string; readonly title?: string; readonly version?: string};
	readonly capabilities?: {readonly loadSession: boolean; readonly resume: boolean; readonly close: boolean};
	/** Set when the agent asks for authentication: what the user has to run. */
	readonly authHint?: string;
};

export type HostStatus = {
	readonly hostId: string;
	readonly pid: number;
	readonly cwd: string;
	readonly started: string;
	readonly phase: HostPhase;
	readonly activePrompts: number;
	readonly pendingPermissions: number;
	readonly agent: AgentStatus;
	readonly clients: number;
	/** True when the demo agent runs because no real agent was configured or found. */
	readonly demoFallback?: boolean;
};

export type SessionSnapshot = {
	readonly info: SessionInfo;
	readonly transcript: TranscriptState;
};

export type Snapshot = {
	readonly seq: number;
	readonly host: HostStatus;
	readonly sessions: readonly SessionSnapshot[];
};

/** Host → client events. `seq` is host-wide and contiguous; a gap means: ask for a fresh snapshot. */
export type HostEvent =
	| {readonly seq: number; readonly kind: 'transcript'; readonly sessionId: string; readonly action: TranscriptAction}
	| {readonly seq: number; readonly kind: 'session'; readonly session: SessionInfo}
	| {readonly seq: number; readonly kind: 'session-removed'; readonly sessionId: string}
	| {readonly seq: number; readonly kind: 'host'; readonly host: HostStatus}
	| {readonly seq: number; readonly kind: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly message: string};

/** Distributive Omit, so each event variant keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type HostEventBody = DistributiveOmit<HostEvent, 'seq'>;

export type NewSessionOptions = {readonly cwd?: string; readonly mcpServers?: readonly McpServer[]};

export type PromptResult = {readonly queued: boolean; readonly queueLength: number};

export type AnswerResult = {readonly accepted: boolean; readonly winner?: string};

/**
What a host offers, in process and (mirrored one-to-one) over the socket. `client` names who acted,
for the logs and the "answered by" line of permission prompts.
*/
export type HostApi = {
	status(): HostStatus;
	snapshot(options?: {readonly tail?: number}): Snapshot;
	history(sessionId: string, before: number, limit: number): readonly TranscriptEntry[];
	newSession(options: NewSessionOptions): Promise<SessionInfo>;
	prompt(sessionId: string, text: string | readonly ContentBlock[], client?: string): Promise<PromptResult>;
	setQueue(sessionId: string, queue: readonly string[]): void;
	cancel(sessionId: string): Promise<void>;
	endSession(sessionId: string): Promise<void>;
	answerPermission(sessionId: string, requestId: string, optionId: string | undefined, client: string): AnswerResult;
	setMode(sessionId: string, modeId: string): Promise<void>;
	setConfigOption(sessionId: string, configId: string, value: string | boolean): Promise<void>;
	restartAgent(): Promise<void>;
	shutdown(reason?: string): Promise<void>;
	subscribe(listener: (event: HostEvent) => void): () => void;
};

/** Host errors carry a stable code the CLI and the wire map to messages and exit codes. */
export type HostErrorCode = 'busy' | 'unknown-session' | 'bad-cwd' | 'agent-stopped' | 'agent-missing' | 'auth-required' | 'unsupported' | 'agent-error' | 'read-only' | 'invalid';

export class HostError extends Error {
	readonly code: HostErrorCode;

	constructor(code: HostErrorCode, message: string) {
		super(message);
		this.name = 'HostError';
		this.code = code;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Client side of the socket

export type ClientKind = 'tui' | 'cli';

/** What a connected client receives: numbered events, or a fresh snapshot after a gap or an overflow. */
export type ClientMessage =
	| {readonly type: 'event'; readonly event: HostEvent}
	| {readonly type: 'snapshot'; readonly snapshot: Snapshot};

/**
A connection to a host as the UI and the CLI commands see it (implemented over the socket by `ipc/`,
and by in-memory fakes in component tests). Actions reject with an `Error` whose message is ready to show.
*/
export type HostClient = {
	readonly hostId: string;
	readonly clientId: string;
	readonly readOnly: boolean;
	/** The snapshot received with `hello`. */
	readonly snapshot: Snapshot;
	subscribe(listener: (message: ClientMessage) => void): () => void;
	/** Called once when the connection ends (host gone, kill, or close()). */
	onClose(listener: (reason: string) => void): () => void;
	history(sessionId: string, before: number, limit: number): Promise<readonly TranscriptEntry[]>;
	newSession(options: NewSessionOptions): Promise<SessionInfo>;
	prompt(sessionId: string, text: string): Promise<PromptResult>;
	setQueue(sessionId: string, queue: readonly string[]): Promise<void>;
	cancel(sessionId: string): Promise<void>;
	endSession(sessionId: string): Promise<void>;
	answerPermission(sessionId: string, requestId: string, optionId: string | undefined): Promise<AnswerResult>;
	setMode(sessionId: string, modeId: string): Promise<void>;
	setConfigOption(sessionId: string, configId: string, value: string | boolean): Promise<void>;
	restartAgent(): Promise<void>;
	/** Stop the host and its agent. */
	kill(): Promise<void>;
	close(): void;
};
