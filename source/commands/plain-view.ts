/**
The live text view behind `attach --plain` (and `attach --json`, one JSON message per line: a robot client
for scripts and tests). Lines typed on stdin are sent as prompts to the current session unless read-only;
`/new`, `/cancel`, `/detach` are the only commands. Ctrl-C, SIGTERM or SIGHUP detach (the host keeps running).
*/
import {createInterface} from 'node:readline';
import type {ClientMessage, HostClient, Snapshot} from '../model/types.js';
import {errorMessage, type CommandIo} from './io.js';
import {actionPiece, entryPiece, PlainWriter} from './plain-text.js';

export type ViewResult = {readonly reason: 'detached' | 'host-exited' | 'killed'; readonly message?: string};

function shortId(id: string): string {
	return id.slice(0, 8);
}

function printSnapshot(writer: PlainWriter, snapshot: Snapshot): void {
	const {host} = snapshot;
	writer.line(`host ${host.hostId} · agent ${host.agent.name} · ${host.phase} · ${snapshot.sessions.length} session(s)`);
	for (const session of snapshot.sessions) {
		writer.line(`── session ${session.info.id} (${session.info.state}) ${session.info.cwd} ──`);
		for (const entry of session.transcript.entries) writer.piece(entryPiece(entry));
		writer.end();
	}
}

export async function plainView(client: HostClient, io: CommandIo, options: {readonly readOnly: boolean; readonly json: boolean}): Promise<ViewResult> {
	const write = (text: string): void => {
		io.stdout.write(text);
	};

	const writer = new PlainWriter(write);
	let current = client.snapshot.sessions.find(session => session.info.state !== 'ended')?.info.id;
	let lastSession: string | undefined;

	const onMessage = (message: ClientMessage): void => {
		if (options.json) {
			write(`${JSON.stringify(message)}\n`);
			return;
		}

		if (message.type === 'snapshot') {
			writer.line('[resynced]');
			printSnapshot(writer, message.snapshot);
			return;
		}

		const {event} = message;
		switch (event.kind) {
			case 'transcript': {
				const piece = actionPiece(event.action);
				if (!piece) return;
				if (event.sessionId !== lastSession) {
					writer.line(`[${shortId(event.sessionId)}]`);
					lastSession = event.sessionId;
				}

				writer.piece(piece);
				return;
			}

			case 'session': {
				current ??= event.session.id;
				return;
			}

			case 'session-removed': {
				writer.line(`[session ${shortId(event.sessionId)} ended]`);
				return;
			}

			case 'host': {
				return;
			}

			case 'notice': {
				writer.line(`[${event.level}] ${event.message}`);
			}
		}
	};

	if (options.json) write(`${JSON.stringify({type: 'snapshot', snapshot: client.snapshot})}\n`);
	else printSnapshot(writer, client.snapshot);

	return new Promise<ViewResult>(resolve => {
		const cleanups: Array<() => void> = [];
		const finish = (result: ViewResult): void => {
			for (const cleanup of cleanups) cleanup();
			writer.end();
			resolve(result);
		};

		cleanups.push(client.subscribe(onMessage));
		cleanups.push(client.onClose(reason => {
			finish({reason: /kill/i.test(reason) ? 'killed' : 'host-exited', message: reason});
		}));
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			const handler = (): void => {
				finish({reason: 'detached'});
			};

			process.once(signal, handler);
			cleanups.push(() => process.removeListener(signal, handler));
		}

		if (options.readOnly) return;
		const lines = createInterface({input: io.stdin, terminal: false});
		cleanups.push(() => lines.close());
		lines.on('line', text => {
			void (async () => {
				try {
					if (text === '/detach') {
						finish({reason: 'detached'});
					} else if (text === '/new' || current === undefined) {
						const session = await client.newSession({});
						current = session.id;
						writer.line(`[new session ${session.id}]`);
						if (text !== '/new' && text.trim() !== '') await client.prompt(current, text);
					} else if (text === '/cancel') {
						await client.cancel(current);
					} else if (text.trim() !== '') {
						await client.prompt(current, text);
					}
				} catch (error) {
					writer.line(`[error] ${errorMessage(error)}`);
				}
			})();
		});
	});
}
