import {test} from 'node:test';
import assert from 'node:assert/strict';
import {buildKeymap, helpLines, hintFor, keyEventName, keymapTable, parseKeySpec} from '../../source/config/keymap.js';

test('parseKeySpec canonicalises tmux-style names', () => {
	assert.equal(parseKeySpec('C-b'), 'C-b');
	assert.equal(parseKeySpec('c-B'), 'C-b');
	assert.equal(parseKeySpec('^a'), 'C-a');
	assert.equal(parseKeySpec('M-x'), 'M-x');
	assert.equal(parseKeySpec('C-M-Up'), 'C-M-Up');
	assert.equal(parseKeySpec('pgup'), 'PageUp');
	assert.equal(parseKeySpec('%'), '%');
	assert.equal(parseKeySpec('-'), '-');
	assert.equal(parseKeySpec('C--'), 'C--');
	assert.equal(parseKeySpec('Nope'), undefined);
	assert.equal(parseKeySpec(''), undefined);
});

test('keyEventName maps Ink key events to the same names', () => {
	assert.equal(keyEventName('b', {ctrl: true}), 'C-b');
	assert.equal(keyEventName('x', {meta: true}), 'M-x');
	assert.equal(keyEventName('', {upArrow: true}), 'Up');
	assert.equal(keyEventName('', {upArrow: true, shift: true}), 'S-Up');
	assert.equal(keyEventName('X', {shift: true}), 'X');
	assert.equal(keyEventName('%', {}), '%');
	assert.equal(keyEventName('', {escape: true}), 'Escape');
	assert.equal(keyEventName('ab', {}), undefined);
});

test('default bindings cover every DESIGN §6 command with the tmux prefix', () => {
	const keymap = buildKeymap();
	assert.equal(keymap.prefix, 'C-b');
	const expect: Record<string, string> = {
		c: 'new-session', x: 'end-session', n: 'next-session', p: 'previous-session', '0': 'select-0', '9': 'select-9',
		w: 'chooser', a: 'next-attention', '%': 'split-horizontal', '"': 'split-vertical', o: 'focus-next', Left: 'focus-left',
		Up: 'focus-up', z: 'zoom', '[': 'scroll-mode', d: 'detach', R: 'restart-agent', '?': 'help', 'C-b': 'send-prefix',
	};
	for (const [key, id] of Object.entries(expect)) assert.equal(keymap.lookup('prefix', key), id, key);
	assert.equal(keymap.lookup('root', 'Escape'), 'cancel-turn');
	assert.equal(keymap.lookup('scroll', 'g'), 'scroll-top');
	assert.equal(keymap.lookup('scroll', '/'), 'scroll-search');
	assert.equal(keymap.lookup('prefix', 'q'), undefined);
	assert.equal(keymap.warnings.length, 0);
});

test('config overrides replace keys and the prefix, and bad entries become warnings', () => {
	const keymap = buildKeymap({prefix: 'C-a', keys: {'new-session': ['C-n', 'N'], zoom: 'Z', bogus: 'q', detach: 'Hyper'}});
	assert.equal(keymap.prefix, 'C-a');
	assert.equal(keymap.lookup('prefix', 'C-a'), 'send-prefix');
	assert.equal(keymap.lookup('prefix', 'C-b'), undefined);
	assert.equal(keymap.lookup('prefix', 'C-n'), 'new-session');
	assert.equal(keymap.lookup('prefix', 'N'), 'new-session');
	assert.equal(keymap.lookup('prefix', 'c'), undefined);
	assert.equal(keymap.lookup('prefix', 'Z'), 'zoom');
	assert.equal(keymap.lookup('prefix', 'z'), undefined);
	// An invalid key leaves the default in place.
	assert.equal(keymap.lookup('prefix', 'd'), 'detach');
	assert.deepEqual(keymap.warnings, ['keys.bogus: unknown command', 'keys.detach: "Hyper" is not a key']);
	assert.deepEqual(buildKeymap({prefix: '???'}).warnings, ['prefix: "???" is not a key; using C-b']);
});

test('a rebinding wins over a default that used the same key', () => {
	const keymap = buildKeymap({keys: {zoom: 'c'}});
	assert.equal(keymap.lookup('prefix', 'c'), 'zoom');
});

test('help and hints are generated from the table, including overrides', () => {
	const keymap = buildKeymap({keys: {chooser: 's'}});
	const lines = helpLines(keymap);
	assert.ok(lines.some(line => line.keys === '0-9' && /session N/.test(line.help)));
	assert.ok(lines.some(line => line.keys === 's' && /choose a session/.test(line.help)));
	assert.ok(lines.some(line => line.keys === 'Left Right Up Down'));
	assert.equal(lines.filter(line => line.keys === '0-9').length, 1);
	assert.equal(hintFor(keymap, 'chooser'), 'C-b s');
	assert.equal(hintFor(keymap, 'cancel-turn'), 'Escape');
	// Every table entry shows up in help (grouped ones once).
	const groups = new Set(keymapTable.map(entry => entry.group ?? entry.id));
	assert.equal(lines.length, groups.size);
});
