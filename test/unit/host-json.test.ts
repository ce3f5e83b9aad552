import assert from 'node:assert/strict';
import {test} from 'node:test';
import {toHostJson} from '../../source/ipc/host-json.js';

const valid = {hostId: 'a.b.c.1', pid: 42, agent: 'demo', command: 'node', args: ['x'], cwd: '/tmp', started: '2026-11-21T00:00:00.000Z', protocol: 1};

test('host.json records are checked field by field; unknown keys are dropped', () => {
	assert.deepEqual(toHostJson(valid), valid);
	assert.deepEqual(toHostJson({...valid, extra: true}), valid);
	for (const value of [undefined, null, 'x', [], {}]) assert.equal(toHostJson(value), undefined);
	for (const [key, bad] of Object.entries({hostId: 1, pid: 0, agent: null, command: undefined, args: ['x', 2], cwd: [], started: 5, protocol: 1.5}) as Array<[string, unknown]>) {
		assert.equal(toHostJson({...valid, [key]: bad}), undefined, `${key}: ${JSON.stringify(bad)}`);
	}

	assert.equal(toHostJson({...valid, pid: -3}), undefined);
	assert.equal(toHostJson({...valid, args: 'x'}), undefined);
});
