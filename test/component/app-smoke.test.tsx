import {test} from 'node:test';
import assert from 'node:assert/strict';
import {renderApp} from '../helpers/tui-harness.js';

test('smoke: renders a pane and the status line at exactly the given size', async () => {
	const app = await renderApp({sessions: 2});
	app.client.say('sess-1', 'hello from the agent');
	await app.settle();
	console.log(app.frame());
	const lines = app.lines();
	assert.equal(lines.length, 30);
	app.unmount();
});
