/**
Session metadata (modes, config options, commands, title, usage): built from `session/new`-style responses
and kept current by the metadata kinds of `session/update` (acp-client-reference §4).
*/
import type {SessionConfigOption, SessionModeState, SessionUpdate} from './acp-types.js';
import type {SessionMeta} from './types.js';

/** The metadata a `session/new`, `session/load` or `session/resume` response carries (`null` fields mean absent). */
export function sessionMetaFromNewSession(response: {
	readonly modes?: SessionModeState | null;
	readonly configOptions?: readonly SessionConfigOption[] | null;
} | null | undefined): SessionMeta {
	const meta: {modes?: SessionModeState; configOptions?: readonly SessionConfigOption[]} = {};
	if (response?.modes) {
		meta.modes = response.modes;
	}

	if (Array.isArray(response?.configOptions)) {
		meta.configOptions = response.configOptions;
	}

	return meta;
}

/** The current value of the config option with category `model` (opencode, claude), if any. */
export function modelOf(meta: SessionMeta): string | undefined {
	return optionValue(meta, 'model');
}

/** The current mode: `modes.currentModeId`, else the config option with category `mode` (opencode has no `modes`). */
export function modeOf(meta: SessionMeta): string | undefined {
	return meta.modes?.currentModeId ?? optionValue(meta, 'mode');
}

function optionValue(meta: SessionMeta, category: string): string | undefined {
	const option = meta.configOptions?.find(candidate => candidate.category === category);
	return option === undefined ? undefined : String(option.currentValue);
}

/**
Applies a metadata update. Returns the new meta (a new object), or `undefined` when the update is not a
well-formed metadata kind; the caller then keeps it as an entry (never dropped, DESIGN §4.7).
*/
export function applyMetaUpdate(meta: SessionMeta, update: SessionUpdate): SessionMeta | undefined {
	const loose = update as Record<string, unknown>;
	switch (update.sessionUpdate) {
		case 'available_commands_update': {
			const commands = loose['availableCommands'];
			return Array.isArray(commands) ? {...meta, availableCommands: commands} : undefined;
		}

		case 'current_mode_update': {
			const id = loose['currentModeId'];
			if (typeof id !== 'string') {
				return undefined;
			}

			// An agent may report a mode without having announced `modes` in its session response.
			const modes: SessionModeState = meta.modes ? {...meta.modes, currentModeId: id} : {currentModeId: id, availableModes: []};
			return {...meta, modes};
		}

		case 'config_option_update': {
			const options = loose['configOptions'];
			return Array.isArray(options) ? {...meta, configOptions: options as SessionConfigOption[]} : undefined;
		}

		case 'session_info_update': {
			// Partial update: an absent title keeps the old one, `null` clears it.
			if (!('title' in loose)) {
				return meta;
			}

			const title = loose['title'];
			if (typeof title === 'string') {
				return {...meta, title};
			}

			const {title: _cleared, ...rest} = meta;
			return rest;
		}

		case 'usage_update': {
			const {used, size, cost} = loose;
			if (typeof used !== 'number' || typeof size !== 'number') {
				return undefined;
			}

			const usage = cost === undefined
				? {used, size}
				: {used, size, cost: cost as {readonly amount: number; readonly currency: string} | null};
			return {...meta, usage};
		}

		default: {
			return undefined;
		}
	}
}

/** The update kinds that only change metadata. */
export function isMetaUpdateKind(kind: string): boolean {
	return kind === 'available_commands_update'
		|| kind === 'current_mode_update'
		|| kind === 'config_option_update'
		|| kind === 'session_info_update'
		|| kind === 'usage_update';
}
