/**
 * TypeScript and typescript-estree, loaded on first use.
 *
 * Why: together they take 300–450 ms to load, most of a language server's
 * start. Loading them when the first file or pattern is parsed lets the server
 * answer `initialize` at once (the editor counts the extension as started
 * then) while the rules compile in the background; the CLI pays the same total.
 */
import type * as Estree from '@typescript-eslint/typescript-estree';
import type * as Ts from 'typescript';

let ts: typeof Ts | undefined;
let estree: typeof Estree | undefined;

export function typescriptModule(): typeof Ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy (see above)
  return (ts ??= require('typescript') as typeof Ts);
}

export function estreeModule(): typeof Estree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy (see above)
  return (estree ??= require('@typescript-eslint/typescript-estree') as typeof Estree);
}
