import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, test} from 'node:test';
import {connectToHost} from '../../source/ipc/host-client.js';
import {serveHost, type HostServer, type ServeHostOptions} from '../../source/ipc/host-server.js';
import {errorCodes, protocolVersion} from '../../source/ipc/protocol.js';
import {HostError, type ClientMessage, type HostClient} from '../../source/model/types.js';
import {createFakeHostApi, type FakeHostApi} from '../helpers/fake-host-api.js';
import {rawPeer, waitFor, type RawPeer} from '../helpers/ipc-test-kit.js';

const base = mkdtempSync(join(tmpdir(), 'agents-ipc-srv-'));
after(() => rmSync(base, {recursive: true, force: true}));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
let counter = 0;

async function start(extra: Partial<ServeHostOptions> = {}): Promise<{api: FakeHostApi; server: HostServer; socketPath: string; logs: string[]; counts: number[]}> {
	const api = createFakeHostApi();
	api.addSession('s1');
	const socketPath = join(base, `h${++counter}.sock`);
	const logs: string[] = [];
	const counts: number[] = [];
	const server = await serveHost(api, {hostId: 'test.proj.fake.1', socketPath, log: line => logs.push(line), onClientsChanged: count => counts.push(count), ...extra});
	cleanups.push(async () => server.close());
	return {api, server, socketPath, logs, counts};
}

async function client(socketPath: string, readOnly = false): Promise<{client: HostClient; messages: ClientMessage[]}> {
	const connected = await connectToHost(socketPath, {kind: 'tui', readOnly, timeoutMs: 3000});
	const messages: ClientMessage[] = [];
	connected.subscribe(message => messages.push(message));
	cleanups.push(() => connected.close());
	return {client: connected, messages};
}

async function raw(socketPath: string, hello = true): Promise<RawPeer> {
	const peer = await rawPeer(socketPath);
	cleanups.push(() => peer.socket.destroy());
	if (hello) {
		const reply = await peer.request('hello', {protocol: protocolVersion, client: {kind: 'cli', readOnly: false}});
		assert.ok(reply['result'], JSON.stringify(reply));
	}

	return peer;
}

const eventSeqs = (messages: ClientMessage[]): number[] => messages.flatMap(message => message.type === 'event' ? [message.event.seq] : []);

test('socket is 0600; hello returns id, client id and snapshot; client count is reported', async () => {
	const {socketPath, server, counts} = await start();
	assert.equal(statSync(socketPath).mode & 0o777, 0o600);
	const a = await client(socketPath);
	assert.equal(a.client.hostId, 'test.proj.fake.1');
	assert.match(a.client.clientId, /^tui-\d+$/);
	assert.deepEqual(a.client.snapshot.sessions.map(session => session.info.id), ['s1']);
	assert.equal(server.clientCount(), 1);
	a.client.close();
	await waitFor(() => server.clientCount() === 0, 'client count back to 0');
	assert.deepEqual(counts, [1, 0]);
});

test('two clients: one answers a permission, both see it resolved by that client; the second answer loses', async () => {
	const {api, socketPath} = await start();
	const a = await client(socketPath);
	const b = await client(socketPath);
	api.addPermission('s1', 'r1');
	const result = await a.client.answerPermission('s1', 'r1', 'allow');
	assert.deepEqual(result, {accepted: true, winner: a.client.clientId});
	for (const view of [a, b]) {
		await waitFor(() => view.messages.some(message => message.type === 'event' && message.event.kind === 'transcript'
			&& message.event.action.type === 'permission-resolved' && message.event.action.by === a.client.clientId), 'permission-resolved');
	}

	assert.deepEqual(await b.client.answerPermission('s1', 'r1', 'allow'), {accepted: false, winner: a.client.clientId});
	assert.deepEqual(api.calls.filter(call => call.method === 'answerPermission').map(call => call.args[3]), [a.client.clientId, b.client.clientId]);
	assert.deepEqual(eventSeqs(a.messages), eventSeqs(b.messages));
});

test('a client disconnecting mid-stream does not affect the others', async () => {
	const {api, socketPath} = await start();
	const a = await client(socketPath);
	const b = await client(socketPath);
	const first = a.client.snapshot.seq;
	for (let index = 0; index < 20; index++) api.addEntry('s1', `chunk ${index}`);
	a.client.close();
	for (let index = 20; index < 40; index++) api.addEntry('s1', `chunk ${index}`);
	await waitFor(() => b.messages.length === 40, '40 events at b');
	assert.deepEqual(eventSeqs(b.messages), Array.from({length: 40}, (_, index) => first + index + 1));
	assert.deepEqual(await b.client.prompt('s1', 'still here'), {queued: false, queueLength: 0});
});

test('a seq gap makes the client fetch a snapshot itself, then events continue', async () => {
	const {api, socketPath} = await start();
	const a = await client(socketPath);
	api.addEntry('s1', 'one');
	api.skipSeq();
	api.addEntry('s1', 'three');
	await waitFor(() => a.messages.some(message => message.type === 'snapshot'), 'snapshot after gap');
	api.addEntry('s1', 'four');
	await waitFor(() => eventSeqs(a.messages).includes(api.snapshot().seq), 'event after snapshot');
	const types = a.messages.map(message => message.type);
	assert.deepEqual(types, ['event', 'snapshot', 'event']);
	const snapshot = a.messages[1];
	assert.ok(snapshot?.type === 'snapshot');
	assert.equal(snapshot.snapshot.seq, a.client.snapshot.seq + 3);
	assert.deepEqual(snapshot.snapshot.sessions[0]?.transcript.entries.map(entry => entry.kind === 'agent-text' ? entry.text : ''), ['one', 'three']);
});

test('a slow client overflows: events withheld, one snapshot when it drains; others get everything', async () => {
	const {api, socketPath, logs} = await start({maxQueueBytes: 64 * 1024});
	const fast = await client(socketPath);
	const slow = await raw(socketPath);
	slow.socket.pause();
	const big = 'x'.repeat(20_000);
	// Paced like a streaming agent: the fast client gets a turn of the event loop between events.
	for (let index = 0; index < 200; index++) {
		api.addEntry('s1', `${index} ${big}`);
		await new Promise(resolve => setImmediate(resolve));
	}

	await waitFor(() => fast.messages.length === 200, 'all 200 events at the fast client', 10_000);
	assert.deepEqual(eventSeqs(fast.messages), Array.from({length: 200}, (_, index) => fast.client.snapshot.seq + index + 1));
	assert.ok(logs.some(line => line.includes('is not reading')), logs.join('\n'));
	slow.socket.resume();
	const snapshot = await slow.next(message => message['method'] === 'snapshot', 'resync snapshot');
	assert.equal(snapshot['params'].seq, api.snapshot().seq);
	const events = slow.messages.filter(message => message['method'] === 'event');
	assert.ok(events.length < 200, `slow client got ${events.length} events`);
	api.addEntry('s1', 'after');
	await slow.next(message => message['method'] === 'event' && message['params'].seq === api.snapshot().seq, 'events resume after the snapshot');
});

test('garbage, unknown methods, invalid params and unknown sessions get errors; the host carries on', async () => {
	const {socketPath, logs} = await start();
	const other = await client(socketPath);
	const peer = await raw(socketPath);
	peer.sendLine('this is not json');
	await peer.next(message => message['error']?.code === errorCodes.parseError, 'parse error');
	peer.sendLine('[1,2]');
	await peer.next(message => message['error']?.code === errorCodes.invalidRequest, 'invalid request');
	peer.sendLine('null');
	assert.equal((await peer.request('noSuchMethod', {}))['error'].code, errorCodes.methodNotFound);
	const invalid = await peer.request('prompt', {sessionId: 's1', text: 42});
	assert.equal(invalid['error'].code, errorCodes.invalidParams);
	assert.match(invalid['error'].message, /text/);
	const missing = await peer.request('history', {before: 1, limit: 5});
	assert.match(missing['error'].message, /sessionId/);
	const unknown = await peer.request('cancel', {sessionId: 'nope'});
	assert.equal(unknown['error'].code, errorCodes.hostError);
	assert.equal(unknown['error'].data.code, 'unknown-session');
	await assert.rejects(other.client.endSession('nope'), (error: unknown) => error instanceof HostError && error.code === 'unknown-session' && /unknown session nope/.test(error.message));
	assert.equal(peer.closed, false);
	assert.deepEqual(await other.client.history('s1', 10, 5), []);
	assert.ok(logs.some(line => /unparsable/.test(line)) && logs.some(line => /invalid params/.test(line)), logs.join('\n'));
});

test('a 5 MB line gets an error and a disconnect; other clients carry on', async () => {
	const {api, socketPath} = await start();
	const other = await client(socketPath);
	const peer = await raw(socketPath);
	peer.socket.write(`{"jsonrpc":"2.0","id":1,"method":"prompt","params":{"sessionId":"s1","text":"${'y'.repeat(5 * 1024 * 1024)}"}}\n`);
	await waitFor(() => peer.closed, 'oversized peer disconnected');
	const replies = peer.messages.filter(message => message['result'] === undefined);
	assert.ok(replies.every(message => message['error']?.code === errorCodes.lineTooLong), JSON.stringify(replies));
	assert.equal(api.calls.filter(call => call.method === 'prompt').length, 0);
	assert.deepEqual(await other.client.prompt('s1', 'fine'), {queued: false, queueLength: 0});
});

test('requests before hello are refused; silent connections are closed', async () => {
	const {socketPath} = await start({helloTimeoutMs: 200});
	const peer = await raw(socketPath, false);
	const reply = await peer.request('prompt', {sessionId: 's1', text: 'hi'});
	assert.equal(reply['error'].code, errorCodes.helloRequired);
	await waitFor(() => peer.closed, 'silent connection closed');
});

test('protocol mismatch: the host names both versions and hangs up; the client throws a clear error', async () => {
	const {socketPath} = await start();
	const peer = await raw(socketPath, false);
	const reply = await peer.request('hello', {protocol: 99, client: {kind: 'cli', readOnly: true}, future: true});
	assert.equal(reply['error'].code, errorCodes.protocolMismatch);
	assert.match(reply['error'].message, /protocol 99/);
	assert.match(reply['error'].message, new RegExp(`protocol ${protocolVersion}`));
	await waitFor(() => peer.closed, 'mismatched peer disconnected');

	// A host that answers with another protocol number: the client refuses it.
	const fakePath = join(base, 'fake-newer.sock');
	const fake = net.createServer(socket => {
		socket.on('data', chunk => {
			const request = JSON.parse(chunk.toString().trim()) as {id: number};
			socket.write(`${JSON.stringify({jsonrpc: '2.0', id: request.id, result: {hostId: 'x', protocol: 2, clientId: 'c', snapshot: {seq: 0}}})}\n`);
		});
	});
	await new Promise<void>(resolve => fake.listen(fakePath, resolve));
	cleanups.push(() => fake.close());
	await assert.rejects(connectToHost(fakePath, {kind: 'cli', timeoutMs: 2000}), /protocol mismatch: host x speaks protocol 2, this client speaks protocol 1/);
});

test('read-only clients may look but not act', async () => {
	const {api, socketPath} = await start();
	const viewer = await client(socketPath, true);
	assert.equal(viewer.client.readOnly, true);
	await assert.rejects(viewer.client.prompt('s1', 'hi'), /read-only client/);
	await assert.rejects(viewer.client.kill(), /read-only client/);
	await assert.rejects(viewer.client.answerPermission('s1', 'r', 'allow'), /read-only client/);
	assert.deepEqual(await viewer.client.history('s1', 0, 10), []);
	assert.equal(api.calls.filter(call => call.method !== 'history').length, 0);
	assert.equal(api.shutdownReasons.length, 0);
});

test('a deleted socket is re-created and accepts new clients; existing clients stay connected', async () => {
	const {socketPath, api} = await start({watchIntervalMs: 50});
	const a = await client(socketPath);
	unlinkSync(socketPath);
	await waitFor(() => existsSync(socketPath), 'socket re-created');
	assert.equal(statSync(socketPath).mode & 0o777, 0o600);
	const b = await client(socketPath);
	api.addEntry('s1', 'hello both');
	await waitFor(() => a.messages.length === 1 && b.messages.length === 1, 'event at both clients');
});

test('an oversized event is truncated with a marker; kill calls shutdown; close is clean', async () => {
	const {api, socketPath, server} = await start();
	const a = await client(socketPath);
	api.addEntry('s1', 'z'.repeat(2 * 1024 * 1024));
	await waitFor(() => a.messages.length === 1, 'big event');
	const message = a.messages[0];
	assert.ok(message?.type === 'event' && message.event.kind === 'transcript' && message.event.action.type === 'update');
	const text = JSON.stringify(message.event.action.update);
	assert.match(text, /bytes truncated; full text in the log/);
	assert.ok(text.length < 1024 * 1024);
	await a.client.kill();
	assert.equal(api.shutdownReasons.length, 1);
	assert.match(api.shutdownReasons[0] ?? '', /tui-/);
	let reason = '';
	a.client.onClose(why => {
		reason = why;
	});
	await server.close();
	await waitFor(() => reason !== '', 'client told of close');
	assert.equal(existsSync(socketPath), false);
});

test('a leftover file at the socket path is replaced; a live socket there is not', async () => {
	const {socketPath} = await start();
	await assert.rejects(serveHost(createFakeHostApi(), {hostId: 'other', socketPath, log: () => undefined}), /EADDRINUSE/);
	const stale = join(base, 'stale.sock');
	writeFileSync(stale, 'leftover');
	const server = await serveHost(createFakeHostApi(), {hostId: 'fresh', socketPath: stale, log: () => undefined});
	cleanups.push(async () => server.close());
	const fresh = await client(stale);
	assert.equal(fresh.client.hostId, 'fresh');
	const still = await client(socketPath);
	assert.equal(still.client.hostId, 'test.proj.fake.1');
});
