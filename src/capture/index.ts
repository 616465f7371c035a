// The capture API used by the editor commands and the `hotspot-lens record` CLI.
export * from './args';
export * from './discovery';
export * from './errors';
export * from './output';
export * from './perf';
export * from './processes';
export * from './py-spy';
export * from './session';
export * from './command-line';
