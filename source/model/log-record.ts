/**
The JSONL conversation log record (DESIGN §7). One object per line; `seq` is contiguous per file.
The host is the only writer; readers tolerate torn and unparsable lines.
*/
export const logRecordVersion = 1;

export type LogRecordType =
	| 'session-start'
	| 'prompt'
	| 'update'
	| 'permission-request'
	| 'permission-outcome'
	| 'turn-end'
	| 'error'
	| 'session-end';

type LogRecordHead = {
	readonly v: 1;
	readonly seq: number;
	readonly ts: string;
	readonly host: string;
	readonly session: string;
};

/** Record bodies as the host hands them to the writer (the writer adds v, seq, ts, host, session). */
export type LogRecordBody =
	| {readonly type: 'session-start'; readonly cwd: string; readonly agent: string; readonly command?: string; readonly mcpServers: readonly unknown[]; readonly restoredFrom?: string}
	| {readonly type: 'prompt'; readonly text: string; readonly blocks?: readonly unknown[]; readonly client?: string}
	/** The ACP update verbatim (`params.update`), unknown kinds included. */
	| {readonly type: 'update'; readonly update: unknown; readonly replay?: boolean}
	| {readonly type: 'permission-request'; readonly requestId: string; readonly toolCall: unknown; readonly options: readonly unknown[]}
	| {readonly type: 'permission-outcome'; readonly requestId: string; readonly outcome: unknown; readonly client: string}
	| {readonly type: 'turn-end'; readonly stopReason: string; readonly ms: number}
	| {readonly type: 'error'; readonly message: string; readonly detail?: unknown}
	| {readonly type: 'session-end'; readonly reason: string};

/**
A full record. When the serialized record exceeds 1 MiB the writer moves the payload field (`update`,
`text`, `toolCall`, `detail`) to a side file and stores `{"$side": "<file name>", "bytes": N, "sha256": "…"}`
in its place; readers resolve it back.
*/
export type LogRecord = LogRecordHead & LogRecordBody;

/** Marker stored in place of a payload that went to a side file. */
export type SideFileRef = {readonly $side: string; readonly bytes: number; readonly sha256: string};
