import assert from 'node:assert/strict';
import {test} from 'node:test';
import {compactTimestamp, runtimeRoot, sanitizePart, stateDir} from '../../source/config/paths.js';

test('state dir honours AGENTS_STATE_DIR, then XDG_STATE_HOME', () => {
	assert.equal(stateDir({AGENTS_STATE_DIR: '/x/y'}), '/x/y');
	assert.equal(stateDir({XDG_STATE_HOME: '/s'}), '/s/agents');
});

test('runtime root honours AGENTS_TMPDIR, then TMPDIR with the uid', () => {
	assert.equal(runtimeRoot({AGENTS_TMPDIR: '/r'}), '/r');
	assert.match(runtimeRoot({TMPDIR: '/t'}), /^\/t\/agents-\d+$/);
});

test('sanitizePart keeps [A-Za-z0-9_-] only', () => {
	assert.equal(sanitizePart('my project.v2!'), 'my-project-v2');
	assert.equal(sanitizePart('...'), 'x');
});

test('compactTimestamp is UTC without dashes', () => {
	assert.equal(compactTimestamp(new Date('2026-11-21T22:10:46.123Z')), '20261121T221046Z');
});
