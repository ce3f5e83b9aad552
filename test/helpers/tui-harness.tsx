/**
Render the App at a fixed size against a FakeHostClient, with key helpers (ink-notes A3: await after writes).

Two renderers: `terminal` (the default) is the TUI's own path — Ink renders the chrome into a TerminalOutput, the
pane transcripts are painted over it by PaneTranscripts, and the frame is what a terminal shows after the bytes the
frame writer sent (a ScreenModel fed with them). `ink` is ink-testing-library with the transcripts rendered by React
(`AGENTS_RENDERER=ink`). `AGENTS_TEST_RENDERER=ink` runs every component test on the second.
*/
import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {buildKeymap, type KeymapConfig} from '../../source/config/keymap.js';
import {App, type TuiResult} from '../../source/ui/components/app.js';
import {PaneTranscripts} from '../../source/ui/pane-transcripts.js';
import {ClientStore} from '../../source/ui/store/client-store.js';
import {ScreenModel} from '../../source/ui/terminal/screen-model.js';
import {TerminalOutput} from '../../source/ui/terminal/terminal-output.js';
import {FakeHostClient, type FakeHostOptions} from './fake-host-client.js';

export const keys = {
	prefix: '\u0002',
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	backspace: '\u007F',
} as const;

export const tick = async (): Promise<void> => new Promise(resolve => {
	setImmediate(resolve);
});

export type Harness = Awaited<ReturnType<typeof renderApp>>;

const live = new Set<{unmount(): void}>();

/** Unmount every app still mounted (call from `afterEach`, so a failed assertion cannot leave Ink holding stdin). */
export function cleanupApps(): void {
	for (const app of [...live]) app.unmount();
}

export type Renderer = 'terminal' | 'ink';

/** A terminal for the TerminalOutput: keeps what it shows (a ScreenModel fed every byte) and can be resized. */
export class FakeTerminal extends EventEmitter {
	readonly writable = true;
	readonly isTTY = true;
	bytes = 0;
	columns: number;
	rows: number;
	screen: ScreenModel;

	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
		this.screen = new ScreenModel(rows, columns);
	}

	write(chunk: string, callback?: (error?: Error | null) => void): boolean {
		this.bytes += Buffer.byteLength(chunk);
		this.screen.apply(chunk);
		if (callback !== undefined) process.nextTick(callback);
		return true;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.screen.resize(rows, columns);
		this.emit('resize');
	}
}

/**
Ink's stdin in raw mode, as ink-testing-library fakes it, plus what a TTY does with keys that arrive before anyone
reads: they wait in the stream, and a new 'readable' listener hears about them.
*/
export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write(data: string): void {
		this.data = (this.data ?? '') + data;
		this.emit('readable');
		this.emit('data', data);
	}

	read(): string | null {
		const {data} = this;
		this.data = null;
		return data;
	}

	override on(event: string | symbol, listener: (...args: any[]) => void): this {
		super.on(event, listener);
		if (event === 'readable' && this.data !== null) {
			process.nextTick(() => {
				if (this.data !== null) this.emit('readable');
			});
		}
		return this;
	}

	override addListener(event: string | symbol, listener: (...args: any[]) => void): this {
		return this.on(event, listener);
	}

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

type Rendered = {
	frame(): string;
	/** Writes Ink made (terminal renderer; the transcripts reach the screen without them). */
	inkWrites(): number;
	/** The terminal's cursor (terminal renderer only). */
	cursor(): {readonly x: number; readonly y: number; readonly visible: boolean} | undefined;
	write(data: string): void;
	rerender(element: React.JSX.Element): void;
	resize(width: number, height: number): void;
	unmount(): void;
};

function renderThroughTerminal(element: (layer: PaneTranscripts) => React.JSX.Element, store: ClientStore, size: {width: number; height: number}): Rendered {
	const terminal = new FakeTerminal(size.width, size.height);
	const output = new TerminalOutput(terminal);
	const layer = new PaneTranscripts(store, (panes, occluders) => {
		output.setOverlay(panes, occluders);
	});
	const stdin = new FakeStdin();
	let inkWrites = 0;
	const write = output.write.bind(output);
	output.write = (...args: Parameters<TerminalOutput['write']>) => {
		inkWrites++;
		return write(...args);
	};
	const instance = inkRender(element(layer), {
		stdout: output as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		interactive: true,
		alternateScreen: true,
		incrementalRendering: true,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 1000,
	});
	return {
		frame: () => terminal.screen.lines().join('\n'),
		inkWrites: () => inkWrites,
		cursor: () => ({x: terminal.screen.x, y: terminal.screen.y, visible: terminal.screen.cursorVisible}),
		write: data => {
			stdin.write(data);
		},
		rerender: next => {
			instance.rerender(next);
		},
		resize: (width, height) => {
			terminal.resize(width, height);
		},
		unmount: () => {
			instance.unmount();
			output.flush();
			output.dispose();
			layer.dispose();
		},
	};
}

function renderWithTestingLibrary(element: React.JSX.Element): Rendered {
	const instance = render(element);
	return {
		frame: () => stripAnsi(instance.lastFrame() ?? ''),
		inkWrites: () => instance.frames.length,
		cursor: () => undefined,
		write: data => {
			instance.stdin.write(data);
		},
		rerender: next => {
			instance.rerender(next);
		},
		resize: () => undefined,
		unmount: () => {
			instance.unmount();
		},
	};
}

const defaultRenderer = (): Renderer => process.env['AGENTS_TEST_RENDERER'] === 'ink' ? 'ink' : 'terminal';

export async function renderApp(options: FakeHostOptions & {readonly width?: number; readonly height?: number; readonly keymap?: KeymapConfig; readonly banner?: string; readonly client?: FakeHostClient; readonly renderer?: Renderer} = {}) {
	const client = options.client ?? new FakeHostClient(options);
	const store = new ClientStore(client, {flushMs: 0});
	const exits: TuiResult[] = [];
	const raw: string[] = [];
	let size = {width: options.width ?? 100, height: options.height ?? 30};
	const keymap = buildKeymap(options.keymap);
	const renderer = options.renderer ?? defaultRenderer();
	let transcripts: PaneTranscripts | undefined;
	const element = () => (
		<App
			client={client}
			store={store}
			keymap={keymap}
			width={size.width}
			height={size.height}
			{...(options.banner === undefined ? {} : {banner: options.banner})}
			onExit={result => {
				exits.push(result);
			}}
			writeRaw={text => {
				raw.push(text);
			}}
			now={() => new Date(2026, 10, 21, 9, 5)}
			color={false}
			{...(transcripts === undefined ? {} : {transcripts})}
		/>
	);
	const instance = renderer === 'terminal'
		? renderThroughTerminal(layer => {
			transcripts = layer;
			return element();
		}, store, size)
		: renderWithTestingLibrary(element());
	await settle();

	async function settle(): Promise<void> {
		// Effects, store microtask flushes, and promise chains of the fake client.
		for (let i = 0; i < 4; i++) {
			await tick();
			store.flush();
		}
	}

	const harness = {
		client,
		store,
		exits,
		raw,
		frame: () => instance.frame(),
		lines: () => instance.frame().split('\n'),
		inkWrites: () => instance.inkWrites(),
		cursor: () => instance.cursor(),
		settle,
		/** Write each argument as its own key press, settling after each. */
		async press(...sequence: string[]): Promise<void> {
			for (const key of sequence) {
				instance.write(key);
				// A lone ESC is held ~20 ms by Ink's parser before delivery (ink-notes A1.3).
				if (key === keys.escape) await new Promise(resolve => setTimeout(resolve, 40));
				await settle();
			}
		},
		async type(text: string): Promise<void> {
			instance.write(text);
			await settle();
		},
		async resize(width: number, height: number): Promise<void> {
			size = {width, height};
			instance.resize(width, height);
			instance.rerender(element());
			await settle();
		},
		async waitFor(predicate: (frame: string) => boolean, ms = 2000): Promise<string> {
			const end = Date.now() + ms;
			while (Date.now() < end) {
				const frame = instance.frame();
				if (predicate(frame)) return frame;
				await new Promise(resolve => setTimeout(resolve, 5));
				store.flush();
			}
			throw new Error(`condition not met; frame:\n${instance.frame()}`);
		},
		unmount() {
			if (!live.delete(harness)) return;
			instance.unmount();
			store.dispose();
		},
	};
	live.add(harness);
	return harness;
}
