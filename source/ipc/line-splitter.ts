/**
NDJSON framing with a byte cap per line. `readline` buffers an unbounded line in memory, so a client that
never sends `\n` could exhaust the host (docs/host-architecture-notes.md §2.4); this splitter gives up as
soon as a line passes the cap.
*/
export type LineSplitterOptions = {
	readonly maxBytes: number;
	readonly onLine: (line: string) => void;
	/** Called once when a line exceeds maxBytes; every later chunk is ignored. */
	readonly onOverflow: (bytes: number) => void;
};

export class LineSplitter {
	readonly #options: LineSplitterOptions;
	#parts: Buffer[] = [];
	#pending = 0;
	#overflowed = false;

	constructor(options: LineSplitterOptions) {
		this.#options = options;
	}

	get overflowed(): boolean {
		return this.#overflowed;
	}

	push(chunk: Buffer): void {
		let start = 0;
		while (!this.#overflowed && start < chunk.length) {
			const newline = chunk.indexOf(10, start);
			const end = newline === -1 ? chunk.length : newline;
			const length = end - start;
			if (this.#pending + length > this.#options.maxBytes) {
				this.#overflowed = true;
				const bytes = this.#pending + length;
				this.#parts = [];
				this.#pending = 0;
				this.#options.onOverflow(bytes);
				return;
			}

			if (newline === -1) {
				this.#parts.push(chunk.subarray(start));
				this.#pending += length;
				return;
			}

			let line = this.#pending === 0 ? chunk.subarray(start, end) : Buffer.concat([...this.#parts, chunk.subarray(start, end)]);
			this.#parts = [];
			this.#pending = 0;
			start = newline + 1;
			if (line.length > 0 && line.at(-1) === 13) line = line.subarray(0, -1);
			if (line.length > 0) this.#options.onLine(line.toString('utf8'));
		}
	}
}
