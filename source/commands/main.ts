export async function main(argv: readonly string[]): Promise<number> {
	process.stdout.write(`agents ${argv.join(' ')}\n`);
	return 0;
}
