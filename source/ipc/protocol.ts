/**
The client ⇄ host wire protocol (DESIGN §5): newline-delimited JSON-RPC 2.0 over the host's Unix socket.
Every request's params are validated here with zod at the boundary (DESIGN §11); the host never trusts a
client's shapes.
*/
import {z} from 'zod';

export {defaultSnapshotTail, errorCodes, maxLineBytes, notificationMethods, protocolVersion, type HelloResult} from './wire.js';

const sessionId = z.string().min(1);
const nameValue = z.object({name: z.string(), value: z.string()});

export const mcpServerSchema = z.union([
	z.object({type: z.enum(['http', 'sse']), name: z.string(), url: z.string(), headers: z.array(nameValue)}),
	z.object({name: z.string(), command: z.string(), args: z.array(z.string()), env: z.array(nameValue)}),
]);

export const clientKindSchema = z.enum(['tui', 'cli']);

/** Params of every request, by method. Methods mirror HostApi one to one (DESIGN §5). */
export const requestSchemas = {
	hello: z.object({
		protocol: z.number().int(),
		client: z.object({kind: clientKindSchema, readOnly: z.boolean(), name: z.string().max(200).optional()}),
		/** Transcript tail per session in the hello snapshot (probes ask for 0). */
		tail: z.number().int().min(0).max(100_000).optional(),
	}),
	snapshot: z.object({tail: z.number().int().min(0).max(100_000).optional()}).optional(),
	history: z.object({sessionId, before: z.number().int().min(0), limit: z.number().int().min(1).max(10_000)}),
	newSession: z.object({cwd: z.string().optional(), mcpServers: z.array(mcpServerSchema).optional()}),
	prompt: z.object({sessionId, text: z.string()}),
	setQueue: z.object({sessionId, queue: z.array(z.string())}),
	cancel: z.object({sessionId}),
	endSession: z.object({sessionId}),
	answerPermission: z.object({sessionId, requestId: z.string().min(1), optionId: z.string().optional()}),
	setMode: z.object({sessionId, modeId: z.string().min(1)}),
	setConfigOption: z.object({sessionId, configId: z.string().min(1), value: z.union([z.string(), z.boolean()])}),
	restartAgent: z.object({}).optional(),
	kill: z.object({reason: z.string().max(1000).optional()}).optional(),
} as const;

export type RequestMethod = keyof typeof requestSchemas;
export type RequestParams<M extends RequestMethod> = z.infer<(typeof requestSchemas)[M]>;

/** Methods that change host state: refused for read-only clients. */
export const actionMethods: ReadonlySet<RequestMethod> = new Set<RequestMethod>([
	'newSession',
	'prompt',
	'setQueue',
	'cancel',
	'endSession',
	'answerPermission',
	'setMode',
	'setConfigOption',
	'restartAgent',
	'kill',
]);

/** "invalid params: sessionId: expected string, received undefined" — names the offending field. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map(issue => `${issue.path.length > 0 ? issue.path.join('.') : '(params)'}: ${issue.message}`)
		.join('; ');
}
