import type {BuildOptions} from 'esbuild';

export function devtoolsStub(root: string): string;
export function bundleOptions(root: string, outdir: string): BuildOptions;
