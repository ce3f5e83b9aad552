import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {render} from 'ink-testing-library';
import {buildKeymap} from '../../source/config/keymap.js';
import {App} from '../../source/ui/components/app.js';
import {ClientStore} from '../../source/ui/store/client-store.js';
import type {ScrollRect} from '../../source/ui/terminal/frame-writer.js';
import {FakeHostClient} from '../helpers/fake-host-client.js';

const tick = async (): Promise<void> => new Promise(resolve => {
	setImmediate(resolve);
});

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

test('App publishes the panes\' transcript viewports as scroll hints, and none under a full-area overlay', async () => {
	const client = new FakeHostClient({sessions: 2});
	const store = new ClientStore(client, {flushMs: 0});
	const published: Array<readonly ScrollRect[]> = [];
	const instance = render(
		<App client={client} store={store} keymap={buildKeymap()} width={100} height={30} onExit={() => undefined} writeRaw={() => undefined}
			onScrollRects={rects => {
				published.push(rects);
			}} color={false} />,
	);
	unmount = () => {
		instance.unmount();
		store.dispose();
	};
	await tick();
	const single = published.at(-1)!;
	assert.equal(single.length, 1);
	assert.deepEqual({x: single[0]!.x, y: single[0]!.y, width: single[0]!.width}, {x: 0, y: 1, width: 100}, 'a full-width viewport below the title row');
	assert.ok(single[0]!.height > 10 && single[0]!.height < 29);
	instance.stdin.write('\u0002%');
	await tick();
	await tick();
	const split = published.at(-1)!;
	assert.equal(split.length, 2, 'two panes side by side');
	assert.equal(split[0]!.y, split[1]!.y);
	assert.ok(split[0]!.x + split[0]!.width < split[1]!.x + 1 && split[0]!.width + split[1]!.width < 100);
	instance.stdin.write('\u0002?');
	await tick();
	await tick();
	assert.deepEqual(published.at(-1), [], 'the help overlay covers the panes');
});
