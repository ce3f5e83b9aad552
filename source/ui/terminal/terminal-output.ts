/**
The stdout Ink renders into (DESIGN §10, issue 4): Ink's bytes feed a virtual screen, and after each write batch
(a microtask) the frame writer sends the real terminal only what changed. Before Ink enters the alternate screen and
after it leaves, bytes pass through untouched; in between, mode switches Ink writes (bracketed paste, kitty
keyboard, OSC titles, queries) still reach the terminal. A resize forces a full redraw. The pane transcripts are
painted over Ink's screen at each flush (transcript-overlay.ts), and a first frame can be drawn before Ink starts
(`boot`, from boot-frame.ts).
*/
import {EventEmitter} from 'node:events';
import {FrameWriter, type ScrollRect} from './frame-writer.js';
import {ScreenModel} from './screen-model.js';
import {TranscriptOverlay, type OverlayPane} from './transcript-overlay.js';

export type RealOutput = {
	readonly columns?: number;
	readonly rows?: number;
	readonly writable?: boolean;
	readonly destroyed?: boolean;
	readonly writableEnded?: boolean;
	readonly writableNeedDrain?: boolean;
	once?(event: 'drain', listener: () => void): unknown;
	write(chunk: string, callback?: (error?: Error | null) => void): boolean;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
};

type Callback = (error?: Error | null) => void;

const enterAlternate = '\u001B[?1049h';
const alternateModes = new Set(['47', '1047', '1049']);
const leavesAlternate = (sequence: string): boolean =>
	sequence.startsWith('\u001B[?') && sequence.endsWith('l') && sequence.slice(3, -1).split(';').some(mode => alternateModes.has(mode));

export class TerminalOutput extends EventEmitter {
	readonly isTTY = true;
	private readonly real: RealOutput;
	private model: ScreenModel;
	private readonly writer: FrameWriter;
	private inScreen = false;
	private modes = '';
	private raw = '';
	private scheduled = false;
	private callbacks: Callback[] = [];
	private hints: readonly ScrollRect[] = [];
	private readonly overlay = new TranscriptOverlay();
	private leaving = '';
	private draining = false;
	/** The first frame was drawn before Ink started (boot): Ink's own switch to the alternate screen must not redraw. */
	private booted = false;
	private readonly onResize = (): void => {
		this.model.resize(this.rows, this.columns);
		this.writer.reset(this.rows, this.columns);
		this.emit('resize');
		this.schedule();
	};

	constructor(real: RealOutput) {
		super();
		this.real = real;
		this.model = this.newModel();
		this.writer = new FrameWriter(this.rows, this.columns);
		real.on('resize', this.onResize);
	}

	get columns(): number {
		return this.real.columns ?? 80;
	}

	get rows(): number {
		return this.real.rows ?? 24;
	}

	get writable(): boolean {
		return this.real.writable ?? true;
	}

	get destroyed(): boolean {
		return this.real.destroyed ?? false;
	}

	get writableEnded(): boolean {
		return this.real.writableEnded ?? false;
	}

	/** The virtual screen Ink renders into (tests compare it with what reached the terminal). */
	get screen(): ScreenModel {
		return this.model;
	}

	/** Where a terminal-side scroll may replace rewrites (without an overlay; with one, its viewports are the hints). */
	setScrollHints(rects: readonly ScrollRect[]): void {
		this.hints = rects;
	}

	/**
	Enter the alternate screen and draw a frame made of `pieces` (boot-frame.ts) before Ink renders; Ink's first frame
	then costs only its differences from it.
	*/
	boot(pieces: ReadonlyArray<{readonly x: number; readonly y: number; readonly text: string}>): void {
		this.raw += enterAlternate;
		this.inScreen = true;
		this.booted = true;
		this.model = this.newModel();
		this.writer.reset(this.rows, this.columns);
		this.model.apply('\u001B[?25l');
		for (const {x, y, text} of pieces) this.model.apply(`\u001B[${y + 1};${x + 1}H\u001B[0m${text}\u001B[0m`);
		this.flush();
	}

	/** Send what is pending; still on the alternate screen (Ink never started or did not leave it), leave it. */
	leave(): void {
		if (this.inScreen) this.feed(`\u001B[?1049l\u001B[?25h`);
		this.flush();
	}

	/** The pane transcripts drawn over Ink's frame (transcript-overlay.ts); sent with the next flush. */
	setOverlay(panes: readonly OverlayPane[], occluders: readonly ScrollRect[]): void {
		this.overlay.set(panes, occluders);
		this.schedule();
	}

	private renderFrame(): string {
		return this.writer.render(this.overlay.compose(this.model), this.overlay.empty ? this.hints : this.overlay.rects);
	}

	write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | Callback, callback?: Callback): boolean {
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (done !== undefined) this.callbacks.push(done);
		this.feed(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		this.schedule();
		return true;
	}

	/** Send everything pending now (also what the microtask would send). */
	flush(): void {
		this.scheduled = false;
		// A terminal that is behind (slow SSH link) gets no stale frames: wait for 'drain', then send one diff from what
		// it shows to the newest frame (tmux likewise discards and redraws).
		if (this.real.writableNeedDrain === true && this.real.once !== undefined) {
			if (!this.draining) {
				this.draining = true;
				this.real.once('drain', () => {
					this.draining = false;
					this.flush();
				});
			}
			return;
		}
		let out = this.raw;
		this.raw = '';
		if (this.inScreen) {
			out += this.modes + this.renderFrame();
			this.modes = '';
		}
		const callbacks = this.callbacks;
		this.callbacks = [];
		const finish = (error?: Error | null): void => {
			for (const callback of callbacks) callback(error);
		};
		if (out !== '' && this.real.writable !== false) this.real.write(out, finish);
		else if (callbacks.length > 0) process.nextTick(finish);
	}

	/** Ink never ends stdout; for the Writable shape, `end` only flushes (the real terminal stays open). */
	end(...args: unknown[]): this {
		const last = args.at(-1);
		if (typeof args[0] === 'string' || args[0] instanceof Uint8Array) this.feed(typeof args[0] === 'string' ? args[0] : Buffer.from(args[0]).toString('utf8'));
		if (typeof last === 'function') this.callbacks.push(last as Callback);
		this.flush();
		return this;
	}

	dispose(): void {
		this.real.off('resize', this.onResize);
	}

	private newModel(): ScreenModel {
		return new ScreenModel(this.rows, this.columns, sequence => {
			if (leavesAlternate(sequence)) {
				this.leaving = sequence;
				return 'stop';
			}
			if (sequence.includes('1049h')) {
				// Ink entering the screen the boot frame already shows: its frame is diffed against that one.
				if (this.booted) {
					this.booted = false;
					return undefined;
				}
				this.writer.reset(this.rows, this.columns);
			}
			this.modes += sequence;
			return undefined;
		});
	}

	private feed(text: string): void {
		while (text !== '') {
			if (!this.inScreen) {
				const enter = text.indexOf(enterAlternate);
				if (enter < 0) {
					this.raw += text;
					return;
				}
				this.raw += text.slice(0, enter + enterAlternate.length);
				text = text.slice(enter + enterAlternate.length);
				this.inScreen = true;
				this.model = this.newModel();
				this.writer.reset(this.rows, this.columns);
				continue;
			}
			const consumed = this.model.apply(text);
			text = text.slice(consumed);
			if (this.leaving === '') return;
			// Leaving the alternate screen: send what is pending, then the switch, then pass bytes through again.
			this.raw += this.modes + this.renderFrame() + this.leaving;
			this.modes = '';
			this.leaving = '';
			this.inScreen = false;
		}
	}

	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		queueMicrotask(() => {
			if (this.scheduled) this.flush();
		});
	}
}
