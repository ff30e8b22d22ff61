/** Assistant-edit detection without `vscode`: what the extension calls to decide which edits an assistant wrote. */
export * from './types';
export * from './text-ranges';
export * from './change-classifier';
export * from './inline-commit';
export * from './disk-writes';
