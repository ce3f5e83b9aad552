/**
The agent side of the ACP SDK, for the built-in demo agent (source/demo-agent/). Only `source/acp/` may import
`@agentclientprotocol/sdk` (DESIGN §3); the demo agent takes what it needs from here.
*/
export {agent, methods, ndJsonStream, PROTOCOL_VERSION, RequestError} from '@agentclientprotocol/sdk';
export type {
	AgentApp,
	AgentConnection,
	AgentContext,
	AvailableCommand,
	ClientCapabilities,
	ContentBlock,
	InitializeResponse,
	ListSessionsResponse,
	NewSessionResponse,
	PermissionOption,
	PlanEntry,
	PromptRequest,
	PromptResponse,
	RequestPermissionResponse,
	SessionConfigOption,
	SessionInfo,
	SessionModeState,
	SessionNotification,
	SessionUpdate,
	StopReason,
	Stream,
	ToolCallContent,
	ToolCallLocation,
	ToolCallUpdate,
} from '@agentclientprotocol/sdk';
