/**
Host-wide event numbering and fan-out (DESIGN §5): every event gets the next `seq`; a listener that throws
is logged and never stops the others.
*/
import type {HostEvent, HostEventBody} from '../model/types.js';

export class EventHub {
	#seq = 0;
	readonly #listeners = new Set<(event: HostEvent) => void>();
	readonly #log: (line: string) => void;

	constructor(log: (line: string) => void) {
		this.#log = log;
	}

	get seq(): number {
		return this.#seq;
	}

	emit(body: HostEventBody): void {
		const event = {...body, seq: ++this.#seq} as HostEvent;
		for (const listener of this.#listeners) {
			try {
				listener(event);
			} catch (error) {
				this.#log(`event listener failed: ${(error as Error).stack ?? String(error)}`);
			}
		}
	}

	subscribe(listener: (event: HostEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}
}
