/** Render the App at a fixed size against a FakeHostClient, with key helpers (ink-notes A3: await after writes). */
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {buildKeymap, type KeymapConfig} from '../../source/config/keymap.js';
import {App, type TuiResult} from '../../source/ui/components/app.js';
import {ClientStore} from '../../source/ui/store/client-store.js';
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

export async function renderApp(options: FakeHostOptions & {readonly width?: number; readonly height?: number; readonly keymap?: KeymapConfig; readonly banner?: string; readonly client?: FakeHostClient} = {}) {
	const client = options.client ?? new FakeHostClient(options);
	const store = new ClientStore(client, {flushMs: 0});
	const exits: TuiResult[] = [];
	const raw: string[] = [];
	let size = {width: options.width ?? 100, height: options.height ?? 30};
	const keymap = buildKeymap(options.keymap);
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
		/>
	);
	const instance = render(element());
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
		frame: () => stripAnsi(instance.lastFrame() ?? ''),
		lines: () => stripAnsi(instance.lastFrame() ?? '').split('\n'),
		settle,
		/** Write each argument as its own key press, settling after each. */
		async press(...sequence: string[]): Promise<void> {
			for (const key of sequence) {
				instance.stdin.write(key);
				// A lone ESC is held ~20 ms by Ink's parser before delivery (ink-notes A1.3).
				if (key === keys.escape) await new Promise(resolve => setTimeout(resolve, 40));
				await settle();
			}
		},
		async type(text: string): Promise<void> {
			instance.stdin.write(text);
			await settle();
		},
		async resize(width: number, height: number): Promise<void> {
			size = {width, height};
			instance.rerender(element());
			await settle();
		},
		async waitFor(predicate: (frame: string) => boolean, ms = 2000): Promise<string> {
			const end = Date.now() + ms;
			while (Date.now() < end) {
				const frame = stripAnsi(instance.lastFrame() ?? '');
				if (predicate(frame)) return frame;
				await new Promise(resolve => setTimeout(resolve, 5));
				store.flush();
			}
			throw new Error(`condition not met; frame:\n${stripAnsi(instance.lastFrame() ?? '')}`);
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
