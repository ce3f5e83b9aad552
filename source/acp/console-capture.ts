/**
The SDK reports protocol problems with `console.error`/`console.warn` and has no logger hook
(docs/acp-client-reference.md §8.3). In a host with a UI-less terminal that output would be lost, and in a
client it would print over the UI, so it is routed to every live connection's log sink instead.
*/
import {format} from 'node:util';

const sinks = new Set<(line: string) => void>();
let originals: {error: typeof console.error; warn: typeof console.warn} | undefined;

function install(): void {
	if (originals) return;
	originals = {error: console.error, warn: console.warn};
	const route = (level: string) => (...parameters: unknown[]) => {
		const line = `sdk ${level}: ${format(...parameters)}`;
		for (const sink of sinks) sink(line);
	};
	console.error = route('error');
	console.warn = route('warn');
}

/** Route console.error/warn to `sink` until the returned function is called. */
export function captureConsole(sink: (line: string) => void): () => void {
	sinks.add(sink);
	install();
	return () => {
		sinks.delete(sink);
		if (sinks.size === 0 && originals) {
			console.error = originals.error;
			console.warn = originals.warn;
			originals = undefined;
		}
	};
}
