/**
Entry point of the TUI (the CLI calls it with a connected HostClient). Render profile of DESIGN §6 and
docs/ink-notes.md §0: alternate screen, incremental rendering, Ctrl+C reaches the router, console untouched, the root
box exactly the terminal size from `useWindowSize` (resize included). Ink renders only the chrome (titles, input,
status line) into a TerminalOutput (source/ui/terminal/); the pane transcripts are painted over it from the store by
PaneTranscripts, without React, and the frame writer sends only changed cells, letting the terminal scroll pane
viewports (issue 4; streaming at 4 panes went from ~35 % CPU to ~13 %, key → frame p99 from ~70 to ~22 ms).
`AGENTS_RENDERER=ink` keeps Ink's own renderer for the whole tree (the fallback).
*/
import {render, useWindowSize} from 'ink';
import {buildKeymap} from '../config/keymap.js';
import type {HostClient} from '../model/types.js';
import type {NotificationSettings} from './attention.js';
import {App, type TuiResult} from './components/app.js';
import {PaneTranscripts} from './pane-transcripts.js';
import {ClientStore} from './store/client-store.js';
import {TerminalOutput} from './terminal/terminal-output.js';

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
	let finish: (result: TuiResult) => void = () => undefined;
	const done = new Promise<TuiResult>(resolve => {
		finish = resolve;
	});
	// Ink renders the chrome into the frame writer (changed spans + terminal-side scrolls), the pane transcripts are
	// painted over it from the store without React (issue 4); AGENTS_RENDERER=ink asks for Ink's own incremental
	// renderer of the whole tree instead (the fallback).
	const output = process.env['AGENTS_RENDERER'] === 'ink' ? undefined : new TerminalOutput(stdout);
	const transcripts = output === undefined ? undefined : new PaneTranscripts(store, (panes, occluders) => {
		output.setOverlay(panes, occluders);
	});
	const writeRaw = (text: string) => {
		if (stdout.writable) stdout.write(text);
	};

	function Root(): React.JSX.Element {
		const {columns, rows} = useWindowSize();
		return (
			<App
				client={client}
				store={store}
				keymap={keymap}
				width={columns}
				height={rows}
				{...(banner === undefined ? {} : {banner})}
				{...(options.config.notifications === undefined ? {} : {notifications: options.config.notifications})}
				onExit={finish}
				writeRaw={writeRaw}
				{...(transcripts === undefined ? {} : {transcripts})}
			/>
		);
	}

	const instance = render(<Root />, {
		stdout: output ?? stdout,
		stdin,
		// Ink turns itself non-interactive (one frame at exit) when `CI` is set; attach only runs on a terminal, and
		// a user whose shell exports CI=true (or our CI's tmux test) still needs a live screen.
		interactive: true,
		alternateScreen: true,
		incrementalRendering: true,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 60,
	});
	const result = await done;
	// Leave the alternate screen before the CLI prints `[detached from …]`.
	instance.unmount();
	instance.cleanup();
	await instance.waitUntilExit().catch(() => undefined);
	output?.flush();
	output?.dispose();
	transcripts?.dispose();
	store.dispose();
	client.close();
	return result;
}
