/**
The host side of the JSON-RPC method table (DESIGN §5): every method validates its params with zod, refuses
work before `hello` and actions from read-only clients, and maps HostError codes onto the wire. Methods mirror
HostApi one to one.
*/
import {JSONRPCErrorException, JSONRPCServer, createJSONRPCErrorResponse, type JSONRPCErrorResponse, type JSONRPCID} from 'json-rpc-2.0';
import {HostError, type HostApi, type Snapshot} from '../model/types.js';
import {
	actionMethods,
	defaultSnapshotTail,
	describeIssues,
	errorCodes,
	protocolVersion,
	requestSchemas,
	type HelloResult,
	type RequestMethod,
	type RequestParams,
} from './protocol.js';

/** What the method table needs to know about the connection a request came from. */
export type PeerState = {
	readonly id: number;
	clientId?: string;
	readOnly: boolean;
	helloed: boolean;
	/** Set by a protocol mismatch: the connection ends once the error reply is written. */
	endAfterReply: boolean;
};

export type MethodContext = {
	readonly api: HostApi;
	readonly hostId: string;
	readonly maxLineBytes: number;
	readonly log: (line: string) => void;
	/** Called when a peer completed hello (so it starts receiving events). */
	readonly onHello: (peer: PeerState, kind: string, name: string | undefined) => void;
};

export function createMethodTable(context: MethodContext): JSONRPCServer<PeerState> {
	const {api, log} = context;
	const server = new JSONRPCServer<PeerState>({
		errorListener(message, data) {
			log(`rpc: ${message.replace(/:$/, '')}: ${data instanceof Error ? data.message : String(data)}`);
		},
	});
	server.mapErrorToJSONRPCErrorResponse = mapError;
	let clients = 0;

	const add = <M extends RequestMethod>(name: M, handler: (params: RequestParams<M>, peer: PeerState) => unknown): void => {
		server.addMethod(name, async (raw: unknown, peer: PeerState) => {
			if (!peer.helloed) throw new JSONRPCErrorException(`send hello before ${name}`, errorCodes.helloRequired);
			if (peer.readOnly && actionMethods.has(name)) {
				throw new JSONRPCErrorException('read-only client', errorCodes.readOnly, {code: 'read-only'});
			}

			const parsed = requestSchemas[name].safeParse(raw);
			if (!parsed.success) {
				throw new JSONRPCErrorException(`invalid params for ${name}: ${describeIssues(parsed.error)}`, errorCodes.invalidParams);
			}

			// JSON-RPC needs a `result` member; `undefined` would vanish in JSON.stringify.
			return (await handler(parsed.data as RequestParams<M>, peer)) ?? null;
		});
	};

	const fittedSnapshot = (tail: number): Snapshot => fitSnapshot(api, tail, context.maxLineBytes);

	server.addMethod('hello', (raw: unknown, peer: PeerState): HelloResult => {
		// Version first, before the schema: a newer client may send a hello shape we do not know.
		const protocol = (raw as {protocol?: unknown} | undefined)?.protocol;
		if (typeof protocol === 'number' && protocol !== protocolVersion) {
			peer.endAfterReply = true;
			throw new JSONRPCErrorException(
				`protocol mismatch: client speaks protocol ${protocol}, host ${context.hostId} speaks protocol ${protocolVersion}`,
				errorCodes.protocolMismatch,
				{hostProtocol: protocolVersion, clientProtocol: protocol},
			);
		}

		const parsed = requestSchemas.hello.safeParse(raw);
		if (!parsed.success) throw new JSONRPCErrorException(`invalid params for hello: ${describeIssues(parsed.error)}`, errorCodes.invalidParams);
		if (peer.helloed) throw new JSONRPCErrorException('hello was already sent on this connection', errorCodes.invalidRequest);
		const {client} = parsed.data;
		peer.helloed = true;
		peer.readOnly = client.readOnly;
		peer.clientId = `${client.kind}-${++clients}`;
		context.onHello(peer, client.kind, client.name);
		return {hostId: context.hostId, protocol: protocolVersion, clientId: peer.clientId, snapshot: fittedSnapshot(parsed.data.tail ?? defaultSnapshotTail)};
	});

	add('snapshot', params => fittedSnapshot(params?.tail ?? defaultSnapshotTail));
	add('history', ({sessionId, before, limit}) => api.history(sessionId, before, limit));
	add('newSession', params => api.newSession(params));
	add('prompt', ({sessionId, text}, peer) => api.prompt(sessionId, text, peer.clientId));
	add('setQueue', ({sessionId, queue}) => api.setQueue(sessionId, queue));
	add('cancel', ({sessionId}) => api.cancel(sessionId));
	add('endSession', ({sessionId}) => api.endSession(sessionId));
	add('answerPermission', ({sessionId, requestId, optionId}, peer) => api.answerPermission(sessionId, requestId, optionId, peer.clientId ?? 'unknown'));
	add('setMode', ({sessionId, modeId}) => api.setMode(sessionId, modeId));
	add('setConfigOption', ({sessionId, configId, value}) => api.setConfigOption(sessionId, configId, value));
	add('restartAgent', () => api.restartAgent());
	add('kill', async (params, peer) => {
		log(`kill requested by ${peer.clientId ?? 'unknown'}`);
		await api.shutdown(params?.reason ?? `killed by ${peer.clientId ?? 'a client'}`);
	});
	return server;
}

/** A snapshot whose JSON fits a line: halve the transcript tail until it does (DESIGN §5). */
export function fitSnapshot(api: HostApi, tail: number, maxLineBytes: number): Snapshot {
	const budget = maxLineBytes - 4096;
	let current = tail;
	for (;;) {
		const snapshot = api.snapshot({tail: current});
		if (current === 0 || Buffer.byteLength(JSON.stringify(snapshot)) <= budget) return snapshot;
		current = Math.floor(current / 2);
	}
}

function mapError(id: JSONRPCID, error: unknown): JSONRPCErrorResponse {
	if (error instanceof JSONRPCErrorException) return createJSONRPCErrorResponse(id, error.code, error.message, error.data);
	if (error instanceof HostError) return createJSONRPCErrorResponse(id, errorCodes.hostError, error.message, {code: error.code});
	const message = error instanceof Error ? error.message : String(error);
	return createJSONRPCErrorResponse(id, errorCodes.internalError, message || 'internal error');
}
