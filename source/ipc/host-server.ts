/**
The host's Unix socket server (DESIGN §4.1, §5, §11). NDJSON framing with a byte cap, JSON-RPC semantics
from json-rpc-2.0, one event subscription fanned out to every hello'd client, a bounded queue per client
(on overflow: stop sending, and once drained send one fresh snapshot — tmux `tty_block_maybe`), and a socket
that is re-created when a /tmp cleaner removes it. Nothing a client sends may crash the host.
*/
import {utimesSync} from 'node:fs';
import {dirname} from 'node:path';
import net from 'node:net';
import {
	JSONRPCClient,
	JSONRPCServerAndClient,
	createJSONRPCErrorResponse,
	isJSONRPCID,
	isJSONRPCRequest,
	isJSONRPCResponse,
} from 'json-rpc-2.0';
import type {HostApi, HostEvent} from '../model/types.js';
import {fitToLine} from './fit-to-line.js';
import {createMethodTable, fitSnapshot, type PeerState} from './host-methods.js';
import {LineSplitter} from './line-splitter.js';
import {inodeOf, listenPrivate as listen} from './socket-file.js';
import {defaultSnapshotTail, errorCodes, maxLineBytes as defaultMaxLineBytes, notificationMethods} from './protocol.js';

export type HostServer = {readonly socketPath: string; clientCount(): number; close(): Promise<void>};

export type ServeHostOptions = {
	readonly hostId: string;
	readonly socketPath: string;
	readonly log: (line: string) => void;
	/** Per-client outgoing bytes buffered before events stop and a snapshot replaces them (default 4 MiB). */
	readonly maxQueueBytes?: number;
	readonly onClientsChanged?: (count: number) => void;
	/** How often the socket file is checked for removal or replacement (default 2 s). */
	readonly watchIntervalMs?: number;
	/** Connections that do not say hello within this time are closed (default 10 s). */
	readonly helloTimeoutMs?: number;
	readonly maxLineBytes?: number;
};

type Peer = PeerState & {
	readonly socket: net.Socket;
	readonly rpc: JSONRPCServerAndClient<PeerState, void>;
	/** Events are withheld until the socket drains; then one snapshot is sent. */
	overflowed: boolean;
};

export async function serveHost(api: HostApi, options: ServeHostOptions): Promise<HostServer> {
	const {hostId, socketPath, log} = options;
	const maxQueueBytes = options.maxQueueBytes ?? 4 * 1024 * 1024;
	const maxLine = options.maxLineBytes ?? defaultMaxLineBytes;
	// Replies still flow to a client that stopped reading; past this the client is cut off.
	const hardQueueBytes = Math.max(maxQueueBytes * 4, maxLine * 4);
	const peers = new Set<Peer>();
	let nextPeerId = 0;
	let helloedCount = 0;
	let closed = false;

	const reportClients = (): void => {
		const count = [...peers].filter(peer => peer.helloed).length;
		if (count === helloedCount) return;
		helloedCount = count;
		try {
			options.onClientsChanged?.(count);
		} catch (error) {
			log(`onClientsChanged failed: ${(error as Error).message}`);
		}
	};

	const methods = createMethodTable({
		api,
		hostId,
		maxLineBytes: maxLine,
		log,
		onHello(peer, kind, name) {
			log(`client ${peer.clientId ?? '?'} attached (${kind}${name ? ` ${name}` : ''}${peer.readOnly ? ', read-only' : ''})`);
			reportClients();
		},
	});

	const writeLine = (peer: Peer, line: string): void => {
		const {socket} = peer;
		if (socket.destroyed || !socket.writable) return;
		if (socket.writableLength > hardQueueBytes) {
			log(`client ${describe(peer)}: ${socket.writableLength} bytes unread; disconnecting`);
			socket.destroy();
			return;
		}

		socket.write(`${line}\n`);
	};

	/** Serializes any outgoing message within the line cap (strings truncated with a marker if needed). */
	const send = (peer: Peer, message: unknown): void => {
		const fitted = fitToLine(message, maxLine - 1);
		if (fitted) {
			if (fitted.truncatedBytes > 0) log(`client ${describe(peer)}: truncated ${fitted.truncatedBytes} bytes of an outgoing message`);
			writeLine(peer, fitted.line);
		} else {
			const id = (message as {id?: unknown}).id;
			log(`client ${describe(peer)}: message too large to send even truncated`);
			if (isJSONRPCID(id) && id !== null) writeLine(peer, JSON.stringify(createJSONRPCErrorResponse(id, errorCodes.tooLarge, 'reply too large for one line; ask for less')));
		}

		if (peer.endAfterReply) {
			peer.endAfterReply = false;
			peer.socket.end();
		}
	};

	const sendSnapshot = (peer: Peer): void => {
		try {
			send(peer, {jsonrpc: '2.0', method: notificationMethods.snapshot, params: fitSnapshot(api, defaultSnapshotTail, maxLine)});
		} catch (error) {
			log(`snapshot for ${describe(peer)} failed: ${(error as Error).message}`);
		}
	};

	const overflow = (peer: Peer): void => {
		peer.overflowed = true;
		log(`client ${describe(peer)} is not reading (${peer.socket.writableLength} bytes queued); events withheld until it drains`);
		const resync = (): void => {
			if (peer.socket.destroyed) return;
			peer.overflowed = false;
			sendSnapshot(peer);
		};

		if (peer.socket.writableNeedDrain) peer.socket.once('drain', resync);
		else setImmediate(resync);
	};

	const onEvent = (event: HostEvent): void => {
		const fitted = fitToLine({jsonrpc: '2.0', method: notificationMethods.event, params: event}, maxLine - 1);
		if (fitted?.truncatedBytes) log(`event ${event.seq}: truncated ${fitted.truncatedBytes} bytes for the wire`);
		if (!fitted) log(`event ${event.seq} cannot fit a line; clients will re-snapshot`);
		for (const peer of peers) {
			if (!peer.helloed || peer.overflowed || peer.socket.destroyed) continue;
			if (!fitted) {
				// Skipping a seq makes the client detect a gap and ask for a snapshot itself.
				continue;
			}

			if (peer.socket.writableLength > maxQueueBytes) overflow(peer);
			else writeLine(peer, fitted.line);
		}
	};

	const onConnection = (socket: net.Socket): void => {
		const client = new JSONRPCClient<void>(payload => {
			send(peer, payload);
		});
		const peer: Peer = {
			id: ++nextPeerId,
			socket,
			rpc: new JSONRPCServerAndClient(methods, client, {errorListener: (message: string) => log(`rpc: ${message}`)}),
			readOnly: true,
			helloed: false,
			endAfterReply: false,
			overflowed: false,
		};
		peers.add(peer);
		const helloTimer = setTimeout(() => {
			if (!peer.helloed) {
				log(`connection ${peer.id}: no hello within ${options.helloTimeoutMs ?? 10_000} ms; closing`);
				socket.destroy();
			}
		}, options.helloTimeoutMs ?? 10_000);
		helloTimer.unref();

		const splitter = new LineSplitter({
			maxBytes: maxLine,
			onLine(line) {
				handleLine(peer, line);
			},
			onOverflow(bytes) {
				log(`client ${describe(peer)}: line over ${maxLine} bytes (${bytes}+); disconnecting`);
				writeLine(peer, JSON.stringify(createJSONRPCErrorResponse(null, errorCodes.lineTooLong, `line exceeds ${maxLine} bytes; disconnecting`)));
				socket.end();
				// Keep draining its input briefly so the error can be read instead of an EPIPE; then cut it off.
				setTimeout(() => socket.destroy(), 1000).unref();
			},
		});
		socket.on('data', chunk => {
			if (!splitter.overflowed) splitter.push(chunk);
		});
		socket.on('error', error => log(`client ${describe(peer)}: socket error: ${error.message}`));
		socket.on('close', () => {
			clearTimeout(helloTimer);
			peers.delete(peer);
			peer.rpc.rejectAllPendingRequests('connection closed');
			if (peer.helloed) log(`client ${describe(peer)} detached`);
			reportClients();
		});
	};

	const handleLine = (peer: Peer, line: string): void => {
		let payload: unknown;
		try {
			payload = JSON.parse(line);
		} catch {
			log(`client ${describe(peer)}: unparsable line (${line.length} chars)`);
			send(peer, createJSONRPCErrorResponse(null, errorCodes.parseError, 'Parse error: line is not JSON'));
			return;
		}

		const valid = payload !== null && typeof payload === 'object' && !Array.isArray(payload)
			&& (isJSONRPCRequest(payload) || isJSONRPCResponse(payload))
			&& isJSONRPCID((payload as {id?: unknown}).id ?? null);
		if (!valid) {
			const id = (payload as {id?: unknown} | null)?.id;
			log(`client ${describe(peer)}: not a JSON-RPC request`);
			send(peer, createJSONRPCErrorResponse(isJSONRPCID(id) ? id : null, errorCodes.invalidRequest, Array.isArray(payload) ? 'Invalid Request: batches are not supported' : 'Invalid Request'));
			return;
		}

		peer.rpc.receiveAndSend(payload, peer, undefined).catch((error: unknown) => {
			log(`client ${describe(peer)}: ${(error as Error).message}`);
		});
	};

	let server = await listen(socketPath, onConnection, log);
	let inode = inodeOf(socketPath);
	const unsubscribe = api.subscribe(onEvent);

	// A /tmp cleaner or a user may delete or replace the socket file; tmux needs SIGUSR1 for this, we re-listen.
	let relistening = false;
	let touched = Date.now();
	const watch = setInterval(() => {
		if (closed || relistening) return;
		if (Date.now() - touched > 3_600_000) {
			// Age-based /tmp cleaners skip recently touched files (tmux #4640): refresh the run dir and socket.
			touched = Date.now();
			try {
				const now = new Date();
				utimesSync(dirname(socketPath), now, now);
				utimesSync(socketPath, now, now);
			} catch {}
		}

		const current = inodeOf(socketPath);
		if (current !== undefined && current === inode) return;
		relistening = true;
		log(`socket ${socketPath} ${current === undefined ? 'vanished' : 'was replaced'}; re-creating it`);
		// Closing the old listener unlinks the path (libuv), so close it first; accepted connections live on.
		server.close();
		listen(socketPath, onConnection, log).then(next => {
			if (closed) {
				next.close();
				return;
			}

			server = next;
			inode = inodeOf(socketPath);
		}, (error: unknown) => {
			log(`re-creating socket failed: ${(error as Error).message}`);
		}).finally(() => {
			relistening = false;
		});
	}, options.watchIntervalMs ?? 2000);
	watch.unref();

	log(`listening on ${socketPath}`);
	return {
		socketPath,
		clientCount: () => [...peers].filter(peer => peer.helloed).length,
		async close() {
			if (closed) return;
			closed = true;
			clearInterval(watch);
			unsubscribe();
			for (const peer of peers) peer.socket.destroy();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

function describe(peer: PeerState): string {
	return peer.clientId ?? `#${peer.id}`;
}
