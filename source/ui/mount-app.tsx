/**
Ink's part of the TUI (loaded by run-tui.ts after the first frame is on screen): renders the App into the
TerminalOutput with the render profile of DESIGN §6 and docs/ink-notes.md §0 — alternate screen, incremental
rendering, Ctrl+C reaches the router, console untouched, the root box exactly the terminal size from
`useWindowSize` (resize included), at most 60 frames/s (streamed transcripts do not render through Ink at all).
*/
import {render, useWindowSize} from 'ink';
import {App, type AppProps} from './components/app.js';

export type MountOptions = {
	readonly app: Omit<AppProps, 'width' | 'height'>;
	readonly stdout: NodeJS.WriteStream;
	readonly stdin: NodeJS.ReadStream;
};

export type MountedApp = {unmount(): Promise<void>};

export function mountApp(options: MountOptions): MountedApp {
	function Root(): React.JSX.Element {
		const {columns, rows} = useWindowSize();
		return <App {...options.app} width={columns} height={rows} />;
	}

	const instance = render(<Root />, {
		stdout: options.stdout,
		stdin: options.stdin,
		// Ink turns itself non-interactive (one frame at exit) when `CI` is set; attach only runs on a terminal, and
		// a user whose shell exports CI=true (or our CI's tmux test) still needs a live screen.
		interactive: true,
		alternateScreen: true,
		incrementalRendering: true,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 60,
	});
	return {
		async unmount() {
			// Leaves the alternate screen before the CLI prints `[detached from …]`.
			instance.unmount();
			instance.cleanup();
			await instance.waitUntilExit().catch(() => undefined);
		},
	};
}
