/**
`npm run bench`: the DESIGN §10 budget, measured as ratios and counts with real processes (never asserted in
tests). Prints one table; `--json` prints the rows as JSON.
*/
import type {BenchRow} from './bench-env.js';
import {benchHost} from './host-bench.js';
import {benchLogs} from './log-bench.js';
import {benchTui} from './tui-bench.js';

const rows: BenchRow[] = [];
for (const [name, run] of [['tui', benchTui], ['host', benchHost], ['logs', benchLogs]] as const) {
	process.stderr.write(`bench: ${name}…\n`);
	try {
		rows.push(...await run());
	} catch (error) {
		rows.push({metric: `${name} bench failed: ${(error as Error).message}`, value: Number.NaN, unit: '', budget: ''});
	}
}
if (process.argv.includes('--json')) {
	process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
	const width = Math.max(...rows.map(row => row.metric.length));
	process.stdout.write(`${'metric'.padEnd(width)}  ${'value'.padStart(10)}  unit   budget\n`);
	for (const row of rows) process.stdout.write(`${row.metric.padEnd(width)}  ${String(row.value).padStart(10)}  ${row.unit.padEnd(5)}  ${row.budget}\n`);
}
