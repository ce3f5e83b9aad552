import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
import {Box, render, Text} from 'ink';
import {ScreenModel} from '../../source/ui/terminal/screen-model.js';
import {TerminalOutput} from '../../source/ui/terminal/terminal-output.js';

const esc = '\u001B[';

/** A fake TTY: records every byte, can be resized. */
class FakeTerminal extends EventEmitter {
	columns = 60;
	rows = 12;
	readonly writable = true;
	readonly chunks: string[] = [];
	write(chunk: string, callback?: (error?: Error | null) => void): boolean {
		this.chunks.push(chunk);
		if (callback !== undefined) process.nextTick(callback);
		return true;
	}

	text(): string {
		return this.chunks.join('');
	}
}

/** What a terminal shows after the bytes written since it entered the alternate screen. */
function terminalScreen(fake: FakeTerminal): ScreenModel {
	const text = fake.text();
	const screen = new ScreenModel(fake.rows, fake.columns);
	screen.apply(text.slice(text.lastIndexOf(`${esc}?1049h`)));
	return screen;
}

function Panes(props: {readonly first: number; readonly width: number; readonly height: number; readonly split: boolean}): React.JSX.Element {
	const lines = (offset: number, count: number): string => Array.from({length: count}, (_, index) => `line ${offset + index} 漢字 ${'·'.repeat((offset + index) % 7)}`).join('\n');
	const viewport = props.height - 2;
	return (
		<Box width={props.width} height={props.height} flexDirection="column">
			<Text bold color="cyan">title {props.first}</Text>
			<Box height={viewport}>
				<Box width={props.split ? props.width / 2 : props.width} height={viewport} overflow="hidden"><Text>{lines(props.first, viewport)}</Text></Box>
				{props.split ? <Box width={props.width / 2} height={viewport} overflow="hidden"><Text color="green">{lines(props.first * 3, viewport)}</Text></Box> : null}
			</Box>
			<Text inverse>status {props.first}</Text>
		</Box>
	);
}

const settle = async (): Promise<void> => new Promise(resolve => setTimeout(resolve, 20));

test('real Ink frames through the writer: the terminal shows exactly the virtual screen, mode switches pass through', async () => {
	const fake = new FakeTerminal();
	const output = new TerminalOutput(fake);
	output.setScrollHints([{x: 0, y: 1, width: 60, height: 10}]);
	const element = (first: number, split = false): React.JSX.Element => <Panes first={first} width={fake.columns} height={fake.rows} split={split} />;
	const instance = render(element(0), {stdout: output as unknown as NodeJS.WriteStream, alternateScreen: true, incrementalRendering: true, interactive: true, patchConsole: false, exitOnCtrlC: false, maxFps: 1000});
	await settle();
	assert.ok(fake.text().includes(`${esc}?1049h`), 'the alternate screen switch reaches the terminal');
	output.write(`${esc}?2004h`);
	await settle();
	assert.ok(fake.text().includes(`${esc}?2004h`), 'bracketed paste mode reaches the terminal');
	const before = fake.text().length;
	for (let first = 1; first <= 8; first++) {
		instance.rerender(element(first));
		await settle();
		assert.deepEqual(terminalScreen(fake).chars, output.screen.chars, `frame ${first}`);
		assert.deepEqual(terminalScreen(fake).styles, output.screen.styles, `frame ${first} styles`);
	}
	assert.ok(output.screen.lines()[1]!.startsWith('line 8'), 'the virtual screen holds Ink\'s frame');
	assert.ok(fake.text().slice(before).includes(`${esc}2;11r${esc}1S${esc}r`), 'the viewport scrolled in the terminal');
	for (let first = 9; first <= 12; first++) {
		instance.rerender(element(first, true));
		await settle();
		assert.deepEqual(terminalScreen(fake).chars, output.screen.chars, `split frame ${first}`);
	}
	// A resize forces a full redraw at the new size.
	fake.columns = 50;
	fake.rows = 10;
	fake.emit('resize');
	instance.rerender(element(13, true));
	await settle();
	const resized = fake.text();
	const redraw = resized.slice(resized.lastIndexOf(`${esc}0m${esc}H${esc}2J`));
	const fresh = new ScreenModel(10, 50);
	fresh.apply(redraw);
	assert.deepEqual(fresh.chars, output.screen.chars, 'after resize');
	assert.ok(output.screen.lines()[0]!.startsWith('title 13'));
	instance.unmount();
	instance.cleanup();
	await settle();
	output.flush();
	output.dispose();
	assert.ok(fake.text().includes(`${esc}?1049l`), 'leaving the alternate screen reaches the terminal');
	const tail = fake.text().slice(fake.text().lastIndexOf(`${esc}?1049l`));
	assert.ok(!/\u001B\[\d+;\d+H/.test(tail), 'nothing is drawn on the primary screen after leaving');
});

test('while the terminal is behind, frames coalesce into one diff sent on drain', async () => {
	const fake = new FakeTerminal() as FakeTerminal & {writableNeedDrain: boolean};
	fake.writableNeedDrain = false;
	const output = new TerminalOutput(fake);
	output.write(`${esc}?1049h${esc}?25lhello`);
	await settle();
	const sent = fake.chunks.length;
	assert.ok(sent > 0);
	fake.writableNeedDrain = true;
	let flushed = false;
	output.write(`${esc}1;1Hframe 1`);
	output.write(`${esc}2;1Hframe 2`, () => {
		flushed = true;
	});
	await settle();
	output.write(`${esc}3;1H${esc}31mframe 3`);
	await settle();
	assert.equal(fake.chunks.length, sent, 'nothing is written while the terminal is behind');
	assert.equal(flushed, false, 'write callbacks wait for the bytes');
	fake.writableNeedDrain = false;
	fake.emit('drain');
	await settle();
	assert.equal(fake.chunks.length, sent + 1, 'one write carries the newest frame');
	assert.equal(flushed, true);
	assert.deepEqual(terminalScreen(fake).lines().slice(0, 3), ['frame 1', 'frame 2', 'frame 3']);
	assert.deepEqual(terminalScreen(fake).styles, output.screen.styles);
	output.dispose();
});
