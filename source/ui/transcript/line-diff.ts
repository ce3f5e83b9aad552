/**
A small line diff for `{type: 'diff', oldText, newText}` tool call content (issue 4 part 3: colored diffs).
Common prefix and suffix are trimmed first (edits are usually local); the middle is an LCS table, bounded: when the
middle is larger than `maxCells` line pairs it is shown as one replaced block instead of stalling the UI (big
rewrites are where agent-shell#719 hung).
*/

export type DiffOp = {readonly type: 'context' | 'add' | 'remove'; readonly text: string};

export type Hunk = {
	readonly oldStart: number;
	readonly oldLines: number;
	readonly newStart: number;
	readonly newLines: number;
	readonly ops: readonly DiffOp[];
};

export function splitLines(text: string): string[] {
	if (text === '') {
		return [];
	}

	const lines = text.replaceAll('\r\n', '\n').split('\n');
	if (lines.at(-1) === '') {
		lines.pop();
	}

	return lines;
}

/** Line-level edit script turning `oldText` into `newText`. */
export function diffLines(oldText: string, newText: string, maxCells = 1_000_000): DiffOp[] {
	const a = splitLines(oldText);
	const b = splitLines(newText);
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) {
		start++;
	}

	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}

	const ops: DiffOp[] = a.slice(0, start).map(text => ({type: 'context', text}));
	const midA = a.slice(start, endA);
	const midB = b.slice(start, endB);
	if (midA.length * midB.length > maxCells) {
		ops.push(...midA.map((text): DiffOp => ({type: 'remove', text})), ...midB.map((text): DiffOp => ({type: 'add', text})));
	} else {
		ops.push(...lcsDiff(midA, midB));
	}

	ops.push(...a.slice(endA).map((text): DiffOp => ({type: 'context', text})));
	return ops;
}

function lcsDiff(a: readonly string[], b: readonly string[]): DiffOp[] {
	const n = a.length;
	const m = b.length;
	// table[i][j] = LCS length of a[i..] and b[j..], flattened.
	const table = new Uint32Array((n + 1) * (m + 1));
	const at = (i: number, j: number) => table[(i * (m + 1)) + j] ?? 0;
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			table[(i * (m + 1)) + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
		}
	}

	const ops: DiffOp[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			ops.push({type: 'context', text: a[i] ?? ''});
			i++;
			j++;
		} else if (at(i + 1, j) >= at(i, j + 1)) {
			ops.push({type: 'remove', text: a[i] ?? ''});
			i++;
		} else {
			ops.push({type: 'add', text: b[j] ?? ''});
			j++;
		}
	}

	while (i < n) {
		ops.push({type: 'remove', text: a[i++] ?? ''});
	}

	while (j < m) {
		ops.push({type: 'add', text: b[j++] ?? ''});
	}

	return ops;
}

/** Group an edit script into unified-diff hunks with `context` unchanged lines around each change. */
export function toHunks(ops: readonly DiffOp[], context = 3): Hunk[] {
	const hunks: Hunk[] = [];
	const changed = ops.map(op => op.type !== 'context');
	let index = 0;
	// Line numbers (1-based) of ops[index] in the old and new files.
	const oldAt: number[] = [];
	const newAt: number[] = [];
	let oldLine = 1;
	let newLine = 1;
	for (const op of ops) {
		oldAt.push(oldLine);
		newAt.push(newLine);
		if (op.type !== 'add') {
			oldLine++;
		}

		if (op.type !== 'remove') {
			newLine++;
		}
	}

	while (index < ops.length) {
		const first = changed.indexOf(true, index);
		if (first === -1) {
			break;
		}

		const begin = Math.max(index, first - context);
		let end = first;
		// Extend while the next change is within 2×context of the last one (tmux/git merge close hunks).
		for (;;) {
			let lastChange = end;
			while (lastChange + 1 < ops.length && changed[lastChange + 1]) {
				lastChange++;
			}

			const next = changed.indexOf(true, lastChange + 1);
			if (next !== -1 && next - lastChange <= (2 * context) + 1) {
				end = next;
				continue;
			}

			end = Math.min(ops.length, lastChange + 1 + context);
			break;
		}

		const slice = ops.slice(begin, end);
		hunks.push({
			oldStart: oldAt[begin] ?? 1,
			newStart: newAt[begin] ?? 1,
			oldLines: slice.filter(op => op.type !== 'add').length,
			newLines: slice.filter(op => op.type !== 'remove').length,
			ops: slice,
		});
		index = end;
	}

	return hunks;
}
