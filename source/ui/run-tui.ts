/**
Entry point of the TUI (the CLI calls it with a connected HostClient). Ink renders only the chrome (titles, input,
status line) into a TerminalOutput (source/ui/terminal/); the pane transcripts are painted over it from the store by
PaneTranscripts, without React, and the frame writer sends only changed cells, letting the terminal scroll pane
viewports (issue 4; streaming at 4 panes went from ~35 % CPU to ~15 %, key → frame p99 from ~70 to ~25 ms).

The first frame is drawn from the snapshot before Ink is even loaded (boot-frame.ts; DESIGN §10 attach budget):
this module imports no Ink, React or yoga, and mount-app.tsx follows once the screen is up. Keys typed meanwhile
wait in stdin (raw mode is on from the first frame, so they are not echoed) and reach Ink's router when it starts.
`AGENTS_RENDERER=ink` keeps Ink's own renderer for the whole tree (the fallback, no early frame).
*/
import {buildKeymap} from '../config/keymap.js';
import type {HostClient} from '../model/types.js';
import type {NotificationSettings} from './attention.js';
import {bootFrame} from './boot-frame.js';
import type {TuiResult} from './components/app.js';
import {PaneTranscripts} from './pane-transcripts.js';
import {ClientStore} from './store/client-store.js';
import {TerminalOutput} from './terminal/terminal-output.js';
import {initialUi, reconcileUi} from './ui-state.js';

export type {TuiResult} from './components/app.js';

export type TuiOptions = {
	readonly config: {
		readonly prefix?: string;
		readonly keys?: Readonly<Record<string, string | readonly string[]>>;
		readonly notifications?: NotificationSettings;
	};
	readonly banner?: string;
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
};

export async function runTui(client: HostClient, options: TuiOptions): Promise<TuiResult> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const keymap = buildKeymap({
		...(options.config.prefix === undefined ? {} : {prefix: options.config.prefix}),
		...(options.config.keys === undefined ? {} : {keys: options.config.keys}),
	});
	// Streamed text is shown ten times a second: each stream frame costs a terminal scroll plus the new rows of every
	// streaming pane, so fewer frames mean fewer bytes over SSH and less CPU (DESIGN §10); keys render at once.
	const store = new ClientStore(client, {flushMs: 100});
	const bannerParts = [options.banner, ...keymap.warnings.map(warning => `config: ${warning}`)].filter(part => part !== undefined);
	const banner = bannerParts.length > 0 ? bannerParts.join(' · ') : undefined;
	// https://no-color.org: a non-empty NO_COLOR turns colour off.
	const color = (process.env['NO_COLOR'] ?? '') === '' ? undefined : false;
	const output = process.env['AGENTS_RENDERER'] === 'ink' ? undefined : new TerminalOutput(stdout);
	const transcripts = output === undefined ? undefined : new PaneTranscripts(store, (panes, occluders) => {
		output.setOverlay(panes, occluders);
	});
	if (output !== undefined && transcripts !== undefined) {
		const view = store.getView();
		const frame = bootFrame({
			view, ui: reconcileUi(initialUi(view, banner), view), width: output.columns, height: output.rows, keymap,
			readOnly: client.readOnly, now: new Date(), ...(color === undefined ? {} : {color}),
		});
		if (frame !== undefined) {
			if (stdin.isTTY) stdin.setRawMode(true);
			transcripts.show(frame.transcripts, []);
			output.boot(frame.pieces);
		}
	}

	let finish: (result: TuiResult) => void = () => undefined;
	const done = new Promise<TuiResult>(resolve => {
		finish = resolve;
	});
	const writeRaw = (text: string) => {
		if (stdout.writable) stdout.write(text);
	};
	try {
		const {mountApp} = await import('./mount-app.js');
		const app = mountApp({
			stdout: (output ?? stdout) as NodeJS.WriteStream,
			stdin,
			app: {
				client, store, keymap, onExit: finish, writeRaw,
				...(banner === undefined ? {} : {banner}),
				...(options.config.notifications === undefined ? {} : {notifications: options.config.notifications}),
				...(transcripts === undefined ? {} : {transcripts}),
				...(color === undefined ? {} : {color}),
			},
		});
		const result = await done;
		await app.unmount();
		return result;
	} finally {
		output?.leave();
		// Raw mode came on with the first frame; when Ink never mounted, nobody else turns it off.
		if (stdin.isTTY) stdin.setRawMode(false);
		output?.dispose();
		transcripts?.dispose();
		store.dispose();
		client.close();
	}
}
