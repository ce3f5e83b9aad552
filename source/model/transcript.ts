/**
The transcript reducer shared by host and clients (DESIGN §4.3–4.5, issue 2 part 4): ACP updates and host
actions in, transcript entries and session metadata out. Deterministic: an entry's `index` and `ts` come only
from the state and the action, so a client applying the host's actions to a snapshot tail converges with it.
*/
import {TranscriptStore} from './transcript-store.js';
import type {TranscriptAction, TranscriptState} from './types.js';

export {TranscriptStore} from './transcript-store.js';
export {lastLine, textOfContent} from './transcript-content.js';
export {applyMetaUpdate, modelOf, modeOf, sessionMetaFromNewSession} from './transcript-meta.js';

export function emptyTranscript(): TranscriptState {
	return {entries: [], nextIndex: 0, meta: {}};
}

/**
Pure: returns a new state (or the same one when nothing changed); unchanged entries keep their object
identity, which UI caches key on. O(entries) per call: hot paths keep a `TranscriptStore` instead.
*/
export function reduceTranscript(state: TranscriptState, action: TranscriptAction): TranscriptState {
	const store = new TranscriptStore(state);
	const changed = store.apply(action);
	if (changed.length === 0 && store.state.meta === state.meta) {
		return state;
	}

	return store.state;
}
