import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {SessionConfigOption} from '../../source/model/acp-types.js';
import type {TranscriptAction, TranscriptState} from '../../source/model/types.js';
import {emptyTranscript, modelOf, modeOf, reduceTranscript, sessionMetaFromNewSession} from '../../source/model/transcript.js';
import {update} from '../helpers/transcript-fixtures.js';

function run(actions: readonly TranscriptAction[], initial: TranscriptState = emptyTranscript()): TranscriptState {
	return actions.reduce(reduceTranscript, initial);
}

/** opencode 1.18: no `modes`, only config options (model, mode=build). */
const opencodeOptions: readonly SessionConfigOption[] = [
	{id: 'model', name: 'Model', category: 'model', type: 'select', currentValue: 'local/stub', options: [{value: 'local/stub', name: 'Stub'}]},
	{id: 'mode', name: 'Mode', category: 'mode', type: 'select', currentValue: 'build', options: [{value: 'build', name: 'Build'}, {value: 'plan', name: 'Plan'}]},
];

test('sessionMetaFromNewSession keeps modes and config options, and ignores null or absent ones', () => {
	const modes = {currentModeId: 'read-only', availableModes: [{id: 'read-only', name: 'Read Only'}, {id: 'auto', name: 'Auto'}]};
	assert.deepEqual(sessionMetaFromNewSession({modes}), {modes});
	assert.deepEqual(sessionMetaFromNewSession({modes: null, configOptions: opencodeOptions}), {configOptions: opencodeOptions});
	assert.deepEqual(sessionMetaFromNewSession(null), {});
	assert.deepEqual(sessionMetaFromNewSession({}), {});
});

test('modelOf and modeOf read the model option and the current mode (opencode falls back to its mode option)', () => {
	const opencode = sessionMetaFromNewSession({configOptions: opencodeOptions});
	assert.equal(modelOf(opencode), 'local/stub');
	assert.equal(modeOf(opencode), 'build');
	const codex = sessionMetaFromNewSession({modes: {currentModeId: 'auto', availableModes: []}, configOptions: opencodeOptions});
	assert.equal(modeOf(codex), 'auto');
	assert.equal(modelOf({}), undefined);
	assert.equal(modeOf({}), undefined);
});

test('metadata updates change meta only, never entries', () => {
	const commands = [{name: 'init', description: 'Create AGENTS.md'}, {name: 'review', description: 'Review', input: {hint: 'branch'}}];
	const state = run([
		update({sessionUpdate: 'available_commands_update', availableCommands: commands}),
		update({sessionUpdate: 'available_commands_update', availableCommands: commands.slice(0, 1)}),
		update({sessionUpdate: 'current_mode_update', currentModeId: 'plan'}),
		update({sessionUpdate: 'config_option_update', configOptions: opencodeOptions}),
		update({sessionUpdate: 'session_info_update', title: 'Fix the parser', updatedAt: '2026-11-21T22:00:00Z'}),
		update({sessionUpdate: 'usage_update', used: 5200, size: 200_000, cost: {amount: 0.12, currency: 'USD'}}),
	]);
	assert.deepEqual(state.entries, []);
	assert.equal(state.nextIndex, 0);
	assert.deepEqual(state.meta, {
		// Claude sends the command list twice: the last one wins.
		availableCommands: commands.slice(0, 1),
		// A mode update without announced modes creates them.
		modes: {currentModeId: 'plan', availableModes: []},
		configOptions: opencodeOptions,
		title: 'Fix the parser',
		usage: {used: 5200, size: 200_000, cost: {amount: 0.12, currency: 'USD'}},
	});
	assert.equal(modelOf(state.meta), 'local/stub');
	assert.equal(modeOf(state.meta), 'plan');
});

test('current_mode_update keeps the available modes; config_option_update replaces the whole set', () => {
	const initial: TranscriptState = {
		...emptyTranscript(),
		meta: sessionMetaFromNewSession({
			modes: {currentModeId: 'default', availableModes: [{id: 'default', name: 'Default'}, {id: 'acceptEdits', name: 'Accept Edits'}]},
			configOptions: opencodeOptions,
		}),
	};
	const state = run([
		update({sessionUpdate: 'current_mode_update', currentModeId: 'acceptEdits'}),
		update({sessionUpdate: 'config_option_update', configOptions: opencodeOptions.slice(0, 1)}),
	], initial);
	assert.deepEqual(state.meta.modes?.availableModes.map(mode => mode.id), ['default', 'acceptEdits']);
	assert.equal(state.meta.modes?.currentModeId, 'acceptEdits');
	assert.deepEqual(state.meta.configOptions, opencodeOptions.slice(0, 1));
	// The original meta is untouched.
	assert.equal(initial.meta.modes?.currentModeId, 'default');
});

test('session_info_update is partial: an absent title keeps it, null clears it', () => {
	const titled = run([update({sessionUpdate: 'session_info_update', title: 'One'})]);
	const kept = reduceTranscript(titled, update({sessionUpdate: 'session_info_update', updatedAt: '2026-11-21T22:00:00Z'}));
	assert.equal(kept.meta.title, 'One');
	const cleared = reduceTranscript(kept, update({sessionUpdate: 'session_info_update', title: null}));
	assert.equal('title' in cleared.meta, false);
});

test('malformed metadata updates are kept as raw entries instead of corrupting meta', () => {
	const state = run([
		update({sessionUpdate: 'current_mode_update'}),
		update({sessionUpdate: 'config_option_update', configOptions: 'x'}),
		update({sessionUpdate: 'available_commands_update'}),
	]);
	assert.deepEqual(state.meta, {});
	assert.deepEqual(state.entries.map(entry => entry.kind), ['raw', 'raw', 'raw']);
});
