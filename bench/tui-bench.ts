import type {BenchRow} from './bench-env.js';

export async function benchTui(): Promise<BenchRow[]> {
	return [];
}
