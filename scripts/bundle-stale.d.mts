export function bundleIsStale(root: string): boolean;
