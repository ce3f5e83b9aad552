/**
`agents attach ID [--read-only] [--plain] [--json]` / `agents --attach ID`: the TUI on a terminal
(DESIGN §6), else — or with `--plain` — a live text view that works over dumb terminals and pipes.
After the TUI returns: `[detached from <host-id>]` or the reason the session ended.
*/
import {loadConfigLazily} from '../config/config-file.js';
import type {AgentsConfig} from '../config/config.js';
import {openHost} from './connect.js';
import {writeOut, type CommandIo} from './io.js';
import type {ViewResult} from './plain-view.js';

/**
Entries per session in the TUI's hello snapshot: enough to fill a tall pane; older ones are paged in when the user
scrolls up (a smaller snapshot is a faster attach, DESIGN §10).
*/
const tuiSnapshotTail = 80;

export type AttachFlags = {readonly readOnly?: boolean; readonly plain?: boolean; readonly json?: boolean};

export function detachLine(hostId: string, result: ViewResult): string {
	switch (result.reason) {
		case 'detached': {
			return `[detached from ${hostId}]`;
		}

		case 'killed': {
			return `[host ${hostId} killed]`;
		}

		case 'host-exited': {
			return `[host ${hostId} exited${result.message ? `: ${result.message}` : ''}]`;
		}
	}
}

export async function attachCommand(query: string, flags: AttachFlags, io: CommandIo, banner?: string): Promise<number> {
	const useTui = !flags.plain && !flags.json && io.stdin.isTTY === true && io.stdout.isTTY === true;
	const opening = openHost(query, io, {readOnly: flags.readOnly, name: useTui ? 'tui' : 'attach', kind: useTui ? 'tui' : 'cli', ...(useTui ? {tail: tuiSnapshotTail} : {})});
	// The UI module (Ink, React, yoga's wasm: ~85 ms to read, compile and evaluate) loads while the host builds the
	// snapshot in its own process, instead of after the reply (DESIGN §10 attach budget). Node 24 reads and links an
	// import() synchronously and evaluates it right after, so it starts on the next turn of the event loop: by then the
	// socket has connected and `hello` is on its way. Both promises are marked handled: each may settle (fail) while
	// the other is awaited, and an error path may never await the UI at all.
	const loadingUi = useTui ? new Promise<typeof import('../ui/run-tui.js')>((resolve, reject) => {
		setImmediate(() => {
			import('../ui/run-tui.js').then(resolve, reject);
		});
	}) : undefined;
	loadingUi?.catch(() => undefined);
	opening.catch(() => undefined);
	let config: AgentsConfig | undefined;
	try {
		// Config problems surface before the terminal is taken over (and before a connection error, as before).
		config = useTui ? await loadConfigLazily(io.env) : undefined;
	} catch (error) {
		opening.then(({client}) => client.close(), () => undefined);
		throw error;
	}

	const {client, listing} = await opening;
	let result: ViewResult;
	try {
		if (loadingUi && config) {
			const {runTui} = await loadingUi;
			result = await runTui(client, {config, banner});
		} else {
			if (banner && !flags.json) io.stderr.write(`agents: ${banner}\n`);
			const {plainView} = await import('./plain-view.js');
			result = await plainView(client, io, {readOnly: flags.readOnly ?? false, json: flags.json ?? false});
		}
	} finally {
		client.close();
	}

	if (!flags.json) await writeOut(io, `${detachLine(listing.hostId, result)}\n`);
	return result.reason === 'host-exited' ? 1 : 0;
}
