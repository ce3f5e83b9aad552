/**
The client end of the host socket (DESIGN §5): `hello`, then numbered events. A seq gap makes the client ask
for a fresh snapshot itself; the host's overflow resync arrives as a `snapshot` notification. Subscribers see
`{type:'event'}` in seq order and `{type:'snapshot'}` whenever their view must be rebuilt.
*/
import net from 'node:net';
import {JSONRPCClient, JSONRPCErrorException, JSONRPCServer, JSONRPCServerAndClient} from 'json-rpc-2.0';
import {
	HostError,
	type AnswerResult,
	type ClientKind,
	type ClientMessage,
	type HostClient,
	type HostErrorCode,
	type HostEvent,
	type NewSessionOptions,
	type PromptResult,
	type SessionInfo,
	type Snapshot,
	type TranscriptEntry,
} from '../model/types.js';
import {LineSplitter} from './line-splitter.js';
import {errorCodes, maxLineBytes, notificationMethods, protocolVersion, type HelloResult} from './wire.js';

export type ConnectOptions = {
	readonly kind: ClientKind;
	readonly readOnly?: boolean;
	readonly name?: string;
	readonly timeoutMs?: number;
	/** Transcript entries per session in the hello snapshot (default: the host's). */
	readonly tail?: number;
};

export type ConnectFailure = 'missing' | 'refused' | 'timeout' | 'protocol' | 'closed' | 'rejected' | 'error';

/** Why a connection could not be made; `reason` lets discovery tell dead from hung from live. */
export class ConnectError extends Error {
	readonly reason: ConnectFailure;

	constructor(reason: ConnectFailure, message: string) {
		super(message);
		this.name = 'ConnectError';
		this.reason = reason;
	}
}

const hostErrorCodes = new Set<string>(['busy', 'unknown-session', 'bad-cwd', 'agent-stopped', 'agent-missing', 'auth-required', 'unsupported', 'agent-error', 'read-only', 'invalid']);

/** Host errors become HostError (code kept) or Error, with the host's message as is. */
function toError(error: unknown): Error {
	if (error instanceof JSONRPCErrorException) {
		const code = (error.data as {code?: unknown} | undefined)?.code;
		if (typeof code === 'string' && hostErrorCodes.has(code)) return new HostError(code as HostErrorCode, error.message);
		return new Error(error.message);
	}

	return error instanceof Error ? error : new Error(String(error));
}

export async function connectToHost(socketPath: string, options: ConnectOptions): Promise<HostClient> {
	const timeoutMs = options.timeoutMs ?? 5000;
	const socket = net.connect(socketPath);
	const listeners = new Set<(message: ClientMessage) => void>();
	const closeListeners = new Set<(reason: string) => void>();
	let closedReason: string | undefined;
	let helloDone = false;
	let lastSeq = 0;
	/** Events held while a snapshot is on its way (or before hello's answer): replayed if newer. */
	let held: HostEvent[] | undefined = [];
	let snapshotPending = false;

	const deliver = (message: ClientMessage): void => {
		for (const listener of [...listeners]) {
			try {
				listener(message);
			} catch {
				// A subscriber's bug must not break the connection for the others.
			}
		}
	};

	const applySnapshot = (snapshot: Snapshot): void => {
		lastSeq = snapshot.seq;
		deliver({type: 'snapshot', snapshot});
		const pending = held ?? [];
		held = undefined;
		for (const event of pending) onEvent(event);
	};

	const requestSnapshot = (): void => {
		if (snapshotPending) return;
		snapshotPending = true;
		held = [];
		rpc.request('snapshot', {}, undefined).then((snapshot: Snapshot) => {
			snapshotPending = false;
			// An overflow snapshot may have overtaken this reply; never go back in time.
			if (snapshot.seq >= lastSeq) applySnapshot(snapshot);
		}, () => {
			snapshotPending = false;
			held = undefined;
		});
	};

	const onEvent = (event: HostEvent): void => {
		if (held) {
			held.push(event);
			return;
		}

		if (event.seq <= lastSeq) return;
		if (event.seq !== lastSeq + 1) {
			held = [event];
			requestSnapshot();
			return;
		}

		lastSeq = event.seq;
		deliver({type: 'event', event});
	};

	const methods = new JSONRPCServer<void>({errorListener() {}});
	methods.addMethod(notificationMethods.event, (params: unknown) => {
		if (params && typeof params === 'object' && typeof (params as HostEvent).seq === 'number') onEvent(params as HostEvent);
	});
	methods.addMethod(notificationMethods.snapshot, (params: unknown) => {
		if (!params || typeof params !== 'object') return;
		if (!helloDone) return;
		// Overflow resync: everything older is superseded; held events newer than it still apply.
		held ??= [];
		applySnapshot(params as Snapshot);
	});
	const rpc = new JSONRPCServerAndClient<void, void>(methods, new JSONRPCClient<void>(payload => {
		if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(payload)}\n`);
	}), {errorListener() {}});

	const finish = (reason: string): void => {
		if (closedReason !== undefined) return;
		closedReason = reason;
		rpc.rejectAllPendingRequests(`connection to host closed: ${reason}`);
		socket.destroy();
		for (const listener of [...closeListeners]) {
			try {
				listener(reason);
			} catch {}
		}
	};

	let lastError: (Error & {code?: string}) | undefined;
	const splitter = new LineSplitter({
		maxBytes: maxLineBytes,
		onLine(line) {
			let payload: unknown;
			try {
				payload = JSON.parse(line);
			} catch {
				return;
			}

			if (payload && typeof payload === 'object') {
				rpc.receiveAndSend(payload, undefined, undefined).catch(() => undefined);
			}
		},
		onOverflow() {
			finish('host sent a line over the size limit');
		},
	});
	socket.on('data', chunk => splitter.push(chunk));
	socket.on('error', error => {
		lastError = error;
	});
	socket.on('close', () => finish(lastError ? lastError.message : 'host closed the connection'));

	const hello = await new Promise<HelloResult>((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new ConnectError('timeout', `host at ${socketPath} did not answer within ${timeoutMs} ms`));
			socket.destroy();
		}, timeoutMs);
		const onEarlyClose = (): void => {
			clearTimeout(timer);
			const code = lastError?.code;
			if (code === 'ENOENT') reject(new ConnectError('missing', `no host socket at ${socketPath}`));
			else if (code === 'ECONNREFUSED') reject(new ConnectError('refused', `connection refused by ${socketPath}`));
			else reject(new ConnectError(lastError ? 'error' : 'closed', lastError ? `cannot connect to ${socketPath}: ${lastError.message}` : `host at ${socketPath} closed the connection`));
		};

		socket.once('close', onEarlyClose);
		socket.once('connect', () => {
			rpc.request('hello', {protocol: protocolVersion, client: {kind: options.kind, readOnly: options.readOnly ?? false, name: options.name}, tail: options.tail}, undefined)
				.then((result: HelloResult) => {
					clearTimeout(timer);
					socket.off('close', onEarlyClose);
					resolve(result);
				}, (error: unknown) => {
					clearTimeout(timer);
					socket.off('close', onEarlyClose);
					socket.destroy();
					const code = error instanceof JSONRPCErrorException ? error.code : undefined;
					const message = error instanceof Error ? error.message : String(error);
					reject(code === errorCodes.protocolMismatch
						? new ConnectError('protocol', `${message} (this agents client speaks protocol ${protocolVersion}; restart the host or use a matching version)`)
						: new ConnectError('rejected', `host refused hello: ${message}`));
				});
		});
	});

	if (hello.protocol !== protocolVersion) {
		socket.destroy();
		throw new ConnectError('protocol', `protocol mismatch: host ${hello.hostId} speaks protocol ${hello.protocol}, this client speaks protocol ${protocolVersion}`);
	}

	helloDone = true;
	lastSeq = hello.snapshot.seq;
	const early = held ?? [];
	held = undefined;
	// Events written between building the hello snapshot and its reply; keep only the newer ones.
	for (const event of early) onEvent(event);

	const call = async <T>(method: string, params: unknown): Promise<T> => {
		if (closedReason !== undefined) throw new Error(`connection to host ${hello.hostId} is closed: ${closedReason}`);
		try {
			return await rpc.request(method, params, undefined) as T;
		} catch (error) {
			throw toError(error);
		}
	};

	return {
		hostId: hello.hostId,
		clientId: hello.clientId,
		readOnly: options.readOnly ?? false,
		snapshot: hello.snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		onClose(listener) {
			if (closedReason !== undefined) {
				queueMicrotask(() => listener(closedReason ?? 'closed'));
				return () => {};
			}

			closeListeners.add(listener);
			return () => closeListeners.delete(listener);
		},
		history: async (sessionId, before, limit) => call<readonly TranscriptEntry[]>('history', {sessionId, before, limit}),
		newSession: async (sessionOptions: NewSessionOptions) => call<SessionInfo>('newSession', sessionOptions),
		prompt: async (sessionId, text) => call<PromptResult>('prompt', {sessionId, text}),
		setQueue: async (sessionId, queue) => call<void>('setQueue', {sessionId, queue}),
		cancel: async sessionId => call<void>('cancel', {sessionId}),
		endSession: async sessionId => call<void>('endSession', {sessionId}),
		answerPermission: async (sessionId, requestId, optionId) => call<AnswerResult>('answerPermission', {sessionId, requestId, optionId}),
		setMode: async (sessionId, modeId) => call<void>('setMode', {sessionId, modeId}),
		setConfigOption: async (sessionId, configId, value) => call<void>('setConfigOption', {sessionId, configId, value}),
		restartAgent: async () => call<void>('restartAgent', {}),
		async kill() {
			// The host may close the socket before or instead of replying; either means it is going away.
			await new Promise<void>((resolve, reject) => {
				const onClosed = (): void => resolve();
				closeListeners.add(onClosed);
				call<void>('kill', {}).then(() => resolve(), (error: unknown) => {
					if (closedReason === undefined) reject(error as Error);
					else resolve();
				}).finally(() => closeListeners.delete(onClosed));
			});
		},
		close() {
			finish('closed by client');
		},
	};
}
