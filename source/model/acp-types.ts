/**
Structural types for the ACP data the host and clients pass around. They mirror the ACP v1 schema
(`@agentclientprotocol/sdk` 2.4 `schema/types.gen.d.ts`) loosely on purpose: only `acp/` imports the SDK
(DESIGN §3), and unknown fields or update kinds from real agents must survive (DESIGN §4.7).
*/

export type ContentBlock =
	| {readonly type: 'text'; readonly text: string}
	| {readonly type: 'image'; readonly data: string; readonly mimeType: string; readonly uri?: string}
	| {readonly type: 'audio'; readonly data: string; readonly mimeType: string}
	| {readonly type: 'resource_link'; readonly uri: string; readonly name: string; readonly title?: string}
	| {readonly type: 'resource'; readonly resource: {readonly uri: string; readonly text?: string; readonly blob?: string; readonly mimeType?: string}};

export type ToolKind = 'read' | 'edit' | 'delete' | 'move' | 'search' | 'execute' | 'think' | 'fetch' | 'switch_mode' | 'other';
export type ToolCallStatus = 'pending' | 'in_progress' | 'completed' | 'failed';

export type ToolCallContent =
	| {readonly type: 'content'; readonly content: ContentBlock}
	| {readonly type: 'diff'; readonly path: string; readonly oldText?: string | null; readonly newText: string}
	| {readonly type: 'terminal'; readonly terminalId: string};

export type ToolCallLocation = {readonly path: string; readonly line?: number | null};

/** A `tool_call`, a `tool_call_update`, or the `toolCall` of a permission request: every field but the id optional. */
export type ToolCallFields = {
	readonly toolCallId: string;
	readonly title?: string | null;
	readonly kind?: ToolKind | null;
	readonly status?: ToolCallStatus | null;
	readonly content?: readonly ToolCallContent[] | null;
	readonly locations?: readonly ToolCallLocation[] | null;
	readonly rawInput?: unknown;
	readonly rawOutput?: unknown;
};

export type PlanEntry = {
	readonly content: string;
	readonly priority: 'high' | 'medium' | 'low';
	readonly status: 'pending' | 'in_progress' | 'completed';
};

export type AvailableCommand = {readonly name: string; readonly description: string; readonly input?: {readonly hint: string} | null};

export type SessionMode = {readonly id: string; readonly name: string; readonly description?: string | null};
export type SessionModeState = {readonly currentModeId: string; readonly availableModes: readonly SessionMode[]};

export type ConfigOptionValue = {readonly value: string; readonly name: string; readonly description?: string | null};
export type ConfigOptionGroup = {readonly group: string; readonly name: string; readonly options: readonly ConfigOptionValue[]};
export type SessionConfigOption = {
	readonly id: string;
	readonly name: string;
	readonly description?: string | null;
	readonly category?: string | null;
	readonly type: 'select' | 'boolean' | string;
	readonly currentValue: string | boolean;
	readonly options?: ReadonlyArray<ConfigOptionValue | ConfigOptionGroup>;
};

export type PermissionOptionKind = 'allow_once' | 'allow_always' | 'reject_once' | 'reject_always';
export type PermissionOption = {readonly optionId: string; readonly name: string; readonly kind: PermissionOptionKind};

export type StopReason = 'end_turn' | 'max_tokens' | 'max_turn_requests' | 'refusal' | 'cancelled' | string;

/** One `session/update` payload (`params.update`). Known kinds are typed; anything else is kept as-is. */
export type SessionUpdate =
	| {readonly sessionUpdate: 'user_message_chunk' | 'agent_message_chunk' | 'agent_thought_chunk'; readonly content: ContentBlock; readonly messageId?: string | null}
	| ({readonly sessionUpdate: 'tool_call' | 'tool_call_update'} & ToolCallFields)
	| {readonly sessionUpdate: 'plan'; readonly entries: readonly PlanEntry[]}
	| {readonly sessionUpdate: 'available_commands_update'; readonly availableCommands: readonly AvailableCommand[]}
	| {readonly sessionUpdate: 'current_mode_update'; readonly currentModeId: string}
	| {readonly sessionUpdate: 'config_option_update'; readonly configOptions: readonly SessionConfigOption[]}
	| {readonly sessionUpdate: 'session_info_update'; readonly title?: string | null; readonly updatedAt?: string | null}
	| {readonly sessionUpdate: 'usage_update'; readonly used: number; readonly size: number; readonly cost?: {readonly amount: number; readonly currency: string} | null}
	| UnknownUpdate;

/** An update kind the host does not know (kept verbatim for the transcript and the logs). */
export type UnknownUpdate = {readonly sessionUpdate: string; readonly [key: string]: unknown};

/** MCP server entry as sent in `session/new` (stdio has no `type`). */
export type McpServer =
	| {readonly name: string; readonly command: string; readonly args: readonly string[]; readonly env: ReadonlyArray<{readonly name: string; readonly value: string}>}
	| {readonly type: 'http' | 'sse'; readonly name: string; readonly url: string; readonly headers: ReadonlyArray<{readonly name: string; readonly value: string}>};
