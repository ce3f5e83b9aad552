/**
Taps on the agent's stdout. ACP says agents must write nothing but JSON-RPC to stdout, yet released agents
print banners and debug lines there (DESIGN §4.7); the SDK silently answers those with a parse error, so they
are reported to the host log here. Only the first byte of each line is inspected: JSON-RPC messages are
objects, so a line that does not start with `{` is garbage.
*/

const newline = 0x0A;
const openBrace = 0x7B;
const maxGarbageLine = 2000;

function isSpace(byte: number): boolean {
	return byte === 0x20 || byte === 0x09 || byte === 0x0D;
}

export function tapStdoutGarbage(input: ReadableStream<Uint8Array>, onGarbage: (line: string) => void): ReadableStream<Uint8Array> {
	const decoder = new TextDecoder();
	// undefined: at a line start with only blanks so far; true/false: inside a line that is / is not garbage.
	let garbage: boolean | undefined;
	let collected: Uint8Array[] = [];
	let collectedBytes = 0;
	const flush = () => {
		if (garbage && collectedBytes > 0) {
			const text = decoder.decode(Buffer.concat(collected)).trimEnd();
			if (text) onGarbage(text.length > maxGarbageLine ? `${text.slice(0, maxGarbageLine)}…` : text);
		}
		collected = [];
		collectedBytes = 0;
	};
	return input.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, controller) {
			let start = 0;
			for (let index = 0; index < chunk.length; index++) {
				const byte = chunk[index]!;
				if (byte === newline) {
					if (garbage && collectedBytes < maxGarbageLine) collected.push(chunk.subarray(start, index));
					if (garbage) collectedBytes += index - start;
					flush();
					garbage = undefined;
					start = index + 1;
				} else if (garbage === undefined && !isSpace(byte)) {
					garbage = byte !== openBrace;
					start = index;
				}
			}
			if (garbage && collectedBytes < maxGarbageLine) {
				collected.push(chunk.slice(start));
				collectedBytes += chunk.length - start;
			}
			controller.enqueue(chunk);
		},
		flush() {
			flush();
		},
	}));
}

/** See every inbound message before the SDK validates it. */
export function tapInbound<T>(readable: ReadableStream<T>, onMessage: (message: T) => void): ReadableStream<T> {
	return readable.pipeThrough(new TransformStream<T, T>({
		transform(message, controller) {
			onMessage(message);
			controller.enqueue(message);
		},
	}));
}
