/**
`agents attach ID [--read-only] [--plain] [--json]` / `agents --attach ID`: the TUI on a terminal
(DESIGN §6), else — or with `--plain` — a live text view that works over dumb terminals and pipes.
After the TUI returns: `[detached from <host-id>]` or the reason the session ended.
*/
import {loadConfig} from '../config/config.js';
import {openHost} from './connect.js';
import {writeOut, type CommandIo} from './io.js';
import {plainView, type ViewResult} from './plain-view.js';

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
	// Config problems must surface before the terminal is taken over.
	const config = useTui ? loadConfig(io.env) : undefined;
	const {client, listing} = await openHost(query, io, {readOnly: flags.readOnly, name: useTui ? 'tui' : 'attach', kind: useTui ? 'tui' : 'cli', ...(useTui ? {tail: tuiSnapshotTail} : {})});
	let result: ViewResult;
	try {
		if (useTui && config) {
			const {runTui} = await import('../ui/run-tui.js');
			result = await runTui(client, {config, banner});
		} else {
			if (banner && !flags.json) io.stderr.write(`agents: ${banner}\n`);
			result = await plainView(client, io, {readOnly: flags.readOnly ?? false, json: flags.json ?? false});
		}
	} finally {
		client.close();
	}

	if (!flags.json) await writeOut(io, `${detachLine(listing.hostId, result)}\n`);
	return result.reason === 'host-exited' ? 1 : 0;
}
