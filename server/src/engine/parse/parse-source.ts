/** Parses JS/TS text into an estree Program, recovering from syntax errors so half-typed code can still be scanned. */
import type { TSESTree, TSESTreeOptions } from '@typescript-eslint/typescript-estree';
import type * as ts from 'typescript';
import { estreeModule, typescriptModule as TS } from './lazy-modules';
import type { EngineError } from '../types';
import { LineIndex } from './line-index';

/**
 * The result of {@link parseSource}: the program to scan plus what went wrong.
 *
 * `program` node ranges are always UTF-16 offsets into `text` (the original
 * text, even when recovery parsed a modified copy). `recovered` says how the
 * program was obtained:
 * - `'none'`: the text parsed as it is.
 * - `'fragment'`: the text only parsed inside a wrapper (a lone class member,
 *   function body or object-literal body, as an assistant hands them out).
 *   The wrapper is dropped, so `program.body` holds the fragment's own nodes,
 *   which may be class members (`MethodDefinition`, `PropertyDefinition`, ...)
 *   or object members (`Property`, `SpreadElement`) rather than statements:
 *   walk it by visitor keys, not by statement type.
 * - `'partial'`: the text parsed after repairs that keep every offset: missing
 *   closers appended at the end (node ranges are clipped to the text), merge
 *   conflict markers or broken statements replaced by spaces (those statements
 *   are missing from the program), an estree-level grammar error tolerated,
 *   or, as a last resort, everything from the broken statement on blanked.
 * `program` is null when nothing could be recovered; `errors` then says why.
 * `program.comments` is not collected (see estreeOptions).
 */
export interface ParsedSource {
  text: string;
  path: string;
  program: TSESTree.Program | null;
  errors: EngineError[];
  lines: LineIndex;
  recovered: 'none' | 'fragment' | 'partial';
}

/** Longest line, in UTF-16 units, that {@link isLikelyMinified} tolerates. */
export const MINIFIED_MAX_LINE = 1000;
/** Average line length above which a text with an over-long line counts as minified. */
export const MINIFIED_MIN_AVERAGE_LINE = 300;

/**
 * True when `text` looks machine-generated (minified or bundled): some line is
 * longer than {@link MINIFIED_MAX_LINE} characters and the average line is
 * longer than {@link MINIFIED_MIN_AVERAGE_LINE}.
 *
 * Why: front ends skip such files. Findings on a 200 KB single line are
 * unreadable and unfixable, and the file is not what anyone edits. Both
 * conditions are required so that a normal file with one long data line (an
 * inlined base64 image, a long regex) is still scanned: its average stays low.
 * A single line of more than 1,000 characters counts as minified.
 */
export function isLikelyMinified(text: string): boolean {
  if (text.length <= MINIFIED_MAX_LINE) return false;
  let lineCount = 1;
  let longest = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (i - lineStart > longest) longest = i - lineStart;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lineStart = i + 1;
      lineCount++;
    }
  }
  if (text.length - lineStart > longest) longest = text.length - lineStart;
  return longest > MINIFIED_MAX_LINE && text.length / lineCount > MINIFIED_MIN_AVERAGE_LINE;
}

/**
 * Parses `text` (the content of `path`) into an estree Program. Never throws.
 *
 * Why: the scanner runs on every keystroke and on assistants' fragments, so
 * broken code is the normal case, and findings outside the broken part must
 * survive. Cheapest first: (1) the whole text, with exactly the cost of a bare
 * typescript-estree `parse`. On failure only: (2) merge-conflict markers are
 * blanked; (3) the text is tried as a fragment inside a class, an async
 * function or an object literal (texts up to 50,000 characters); (4) closers
 * missing at the end of the file are appended (also with the fragment
 * wrappers); (5) text that TypeScript parses but typescript-estree rejects
 * (`foo<>()`) is converted leniently; (6) broken statements are blanked one at
 * a time, innermost first, where TypeScript's recovering parser locates the
 * first error (at most {@link MAX_BLANK_ROUNDS} rounds, each an incremental
 * reparse); (7) the text from the broken statement on is blanked and what is
 * open there is closed. Every repair keeps the offsets and lines of the
 * original text. The parser's first error is reported once, as a `parse`
 * error ('info' when the text parsed as a fragment), with its message and
 * 1-based position in the original text.
 *
 * Languages by extension: .js .mjs .cjs .jsx (JSX on), .ts .mts .cts (JSX off,
 * so `<T>x` casts work), .tsx (JSX on); any other extension is parsed as
 * TypeScript without JSX, then with JSX if that fails.
 */
export function parseSource(text: string, path: string): ParsedSource {
  const lines = new LineIndex(text);
  const dialects = dialectsFor(path);
  const failures: { dialect: Dialect; failure: Failure }[] = [];
  try {
    for (const dialect of dialects) {
      const attempt = parseWhole(text, dialect);
      if ('program' in attempt) return { text, path, program: attempt.program, errors: [], lines, recovered: 'none' };
      failures.push({ dialect, failure: attempt.failure });
    }
  } catch (e) {
    return internalFailure(text, path, lines, e);
  }
  // Recover in the dialect that got furthest before failing.
  let best = failures[0];
  for (const f of failures) if (best && f.failure.offset > best.failure.offset) best = f;
  if (!best) return internalFailure(text, path, lines, new Error('no dialect to parse with'));
  try {
    return recover(text, path, lines, best.dialect, best.failure);
  } catch {
    // Recovery is best effort; the parse error itself is still the answer.
    return { text, path, program: null, errors: [parseError(path, lines, best.failure, 'error')], lines, recovered: 'none' };
  }
}

// ---------------------------------------------------------------------------
// Dialects and whole-text parsing
// ---------------------------------------------------------------------------

/** How to parse: the file name decides TypeScript's script kind (JS/JSX/TS/TSX). */
interface Dialect {
  fileName: string;
  scriptKind: ts.ScriptKind;
  jsx: boolean;
  forceModule: boolean;
}

/** A parse failure: the parser's message and the offset it points at (absent when the parser crashed). */
interface Failure {
  message: string;
  offset: number;
  located?: false;
}

function dialectsFor(path: string): Dialect[] {
  const ext = extensionOf(path);
  const d = (e: string, scriptKind: ts.ScriptKind, jsx: boolean, forceModule = false): Dialect => ({
    // A synthetic absolute name: only its extension matters, and it avoids
    // resolving odd paths (URIs, untitled documents) against the cwd.
    fileName: `/vigil-input${e}`,
    scriptKind,
    jsx,
    forceModule,
  });
  switch (ext) {
    case '.js':
    case '.cjs':
      return [d(ext, TS().ScriptKind.JS, true)];
    case '.mjs':
      return [d(ext, TS().ScriptKind.JS, true, true)];
    case '.jsx':
      return [d(ext, TS().ScriptKind.JSX, true)];
    case '.ts':
    case '.cts':
      return [d(ext, TS().ScriptKind.TS, false)];
    case '.mts':
      return [d(ext, TS().ScriptKind.TS, false, true)];
    case '.tsx':
      return [d(ext, TS().ScriptKind.TSX, true)];
    default:
      return [d('.ts', TS().ScriptKind.TS, false), d('.tsx', TS().ScriptKind.TSX, true)];
  }
}

function extensionOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot).toLowerCase() : '';
}

/**
 * typescript-estree options. Quiet: no logger, no deprecation warnings. Fast:
 * no tokens, no loc, no comments (collecting them costs up to 2x the parse;
 * suppressions and test annotations scan the text), no JSDoc parsing (we
 * never read JSDoc tags), no project.
 * `tsconfigRootDir` is fixed so that candidate roots registered by other code
 * in the process (ESLint) can never make `parse` throw.
 */
function estreeOptions(dialect: Dialect, allowInvalidAST: boolean): TSESTreeOptions {
  return {
    filePath: dialect.fileName,
    jsx: dialect.jsx,
    range: true,
    loc: false,
    comment: false, // 3x slower with comments; suppressions and annotations scan text instead
    tokens: false,
    loggerFn: false,
    suppressDeprecatedPropertyWarnings: true,
    jsDocParsingMode: 'none',
    tsconfigRootDir: '/',
    allowInvalidAST,
    preserveNodeMaps: false,
    ...(dialect.forceModule ? { sourceType: 'module' as const } : {}),
  };
}

function parseWhole(text: string, dialect: Dialect): { program: TSESTree.Program } | { failure: Failure } {
  try {
    return { program: estreeModule().parse(text, estreeOptions(dialect, false)) };
  } catch (e) {
    return { failure: toFailure(e) };
  }
}

function toFailure(e: unknown): Failure {
  if (e instanceof estreeModule().TSError) return { message: e.message, offset: e.location.start.offset };
  // The parser itself failed, most often on absurd nesting (its recursion
  // overflows the stack): say so, without a position that would mislead.
  const detail = e instanceof Error ? e.message : String(e);
  const message = e instanceof RangeError ? `Code nested too deeply to parse (${detail}).` : `The parser failed: ${detail}`;
  return { message, offset: 0, located: false };
}

/** Converts an already parsed, diagnostic-free TypeScript source file to estree. */
function convert(sf: ts.SourceFile, dialect: Dialect, allowInvalidAST: boolean): TSESTree.Program {
  return estreeModule().parseAndGenerateServices(sf, estreeOptions(dialect, allowInvalidAST)).ast;
}

function createSourceFile(text: string, dialect: Dialect): ts.SourceFile {
  return TS().createSourceFile(
    dialect.fileName,
    text,
    {
      languageVersion: TS().ScriptTarget.Latest,
      jsDocParsingMode: TS().JSDocParsingMode.ParseNone,
      ...(dialect.forceModule ? { setExternalModuleIndicator: (f: ts.SourceFile) => { (f as { externalModuleIndicator?: unknown }).externalModuleIndicator = true; } } : {}),
    },
    /* setParentNodes */ true,
    dialect.scriptKind,
  );
}

/** TypeScript keeps a source file's syntax errors in this field, which its typings do not declare. */
function diagnosticsOf(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** More than 100 syntax errors, and more than one per 100 characters. */
function looksLikeJunk(sf: ts.SourceFile): boolean {
  const n = diagnosticsOf(sf).length;
  return n > 100 && n * 100 > sf.text.length;
}

/** The first syntax error TypeScript found in `sf`, if any. */
function firstDiagnostic(sf: ts.SourceFile): Failure | undefined {
  const diags = diagnosticsOf(sf);
  if (diags.length === 0) return undefined;
  let first = diags[0];
  for (const d of diags) if (first && d.start < first.start) first = d;
  if (!first) return undefined;
  return { message: TS().flattenDiagnosticMessageText(first.messageText, '\n'), offset: first.start };
}

// ---------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------

/**
 * Most statements blanked before falling back to truncation; each round costs
 * one incremental reparse. Independent broken statements are few in real
 * edits; more rounds than this means a cascade, which truncation handles.
 */
export const MAX_BLANK_ROUNDS = 12;
/** Larger texts are not tried as fragments: assistants' fragments are small, and each try is a full parse. */
const FRAGMENT_MAX_CHARS = 50_000;

const FRAGMENT_NAME = '__VigilFragment';

/** Wrappers for fragments; the prefix stays on the first line so lines do not move. */
const WRAPPERS: readonly { label: string; prefix: string; suffix: string; extract: (p: TSESTree.Program) => TSESTree.Node[] | undefined }[] = [
  {
    label: 'a class-member',
    prefix: `class ${FRAGMENT_NAME} {`,
    suffix: '}',
    extract: (p) => {
      const c = p.body[0];
      return p.body.length === 1 && c?.type === 'ClassDeclaration' ? c.body.body : undefined;
    },
  },
  {
    label: 'a function-body',
    prefix: `async function ${FRAGMENT_NAME}() {`,
    suffix: '}',
    extract: (p) => {
      const f = p.body[0];
      return p.body.length === 1 && f?.type === 'FunctionDeclaration' ? f.body.body : undefined;
    },
  },
  {
    label: 'an object-literal',
    prefix: `({`,
    suffix: '});',
    extract: (p) => {
      const s = p.body[0];
      return p.body.length === 1 && s?.type === 'ExpressionStatement' && s.expression.type === 'ObjectExpression'
        ? s.expression.properties
        : undefined;
    },
  },
];

function recover(text: string, path: string, lines: LineIndex, dialect: Dialect, first: Failure): ParsedSource {
  const failed = (): ParsedSource => ({ text, path, program: null, errors: [parseError(path, lines, first, 'error')], lines, recovered: 'none' });
  const partial = (program: TSESTree.Program): ParsedSource => {
    clipRanges(program, text);
    program.range = [0, text.length];
    return { text, path, program, errors: [parseError(path, lines, first, 'error')], lines, recovered: 'partial' };
  };

  // Binary data is not code: do not spend rounds blanking it.
  if (looksBinary(text)) return failed();

  let working = text;
  // TypeScript's parse of `working`, made only when a step needs it.
  let sf: ts.SourceFile | undefined;

  // Merge conflicts: blank the marker lines (both sides stay), or failing
  // that also the other side (ours stays).
  if (CONFLICT_MARKER.test(text)) {
    for (const keepTheirs of [true, false]) {
      const candidate = blankConflicts(text, keepTheirs);
      const csf = createSourceFile(candidate, dialect);
      const cdiag = firstDiagnostic(csf);
      if (!cdiag) {
        const program = tryConvert(csf, dialect);
        if (program) return partial(program);
      }
      if (!keepTheirs) {
        working = candidate;
        sf = csf;
      }
    }
  }

  // Fragments: an assistant's class member, function body or object body.
  // Tried before closers are appended (a lone method is not a file missing a
  // `}`), and again after (a lone method still being typed).
  const mayBeFragment = working === text && text.length <= FRAGMENT_MAX_CHARS;
  const asFragment = (tail: string): ParsedSource | undefined => {
    for (const w of WRAPPERS) {
      const wrapped = w.prefix + text + (tail ? '\n' + tail : '') + '\n' + w.suffix;
      const wsf = createSourceFile(wrapped, dialect);
      if (firstDiagnostic(wsf)) continue;
      // Strict conversion: text that only typescript-estree rejects (step 5)
      // must not pass as a fragment.
      const wrapperProgram = tryConvert(wsf, dialect, false);
      const nodes = wrapperProgram && w.extract(wrapperProgram);
      if (!wrapperProgram || !nodes || nodes.length === 0) continue;
      shiftRanges(wrapperProgram, -w.prefix.length);
      const program: TSESTree.Program = {
        ...wrapperProgram,
        body: nodes as unknown as TSESTree.ProgramStatement[],
        range: [0, text.length],
      };
      clipRanges(program, text);
      const message = `Parsed as ${w.label} fragment: the text does not parse on its own (${first.message})`;
      return { text, path, program, errors: [parseError(path, lines, { ...first, message }, 'info')], lines, recovered: 'fragment' };
    }
    return undefined;
  };
  if (mayBeFragment) {
    const r = asFragment('');
    if (r) return r;
  }

  // Unclosed at end of file: append the missing closers.
  const base = working;
  const closers = missingClosers(working, dialect);
  if (closers) {
    const closed = working + '\n' + closers;
    const csf = createSourceFile(closed, dialect);
    const cdiag = firstDiagnostic(csf);
    if (!cdiag) {
      const program = tryConvert(csf, dialect);
      if (program) return partial(program);
    }
    if (mayBeFragment) {
      const r = asFragment(closers);
      if (r) return r;
    }
    working = closed;
    sf = csf;
  }

  // Blank broken statements, innermost first, until the text parses. When
  // TypeScript finds no syntax error at all, typescript-estree rejected a
  // grammar error (`foo<>()`): the first round converts it leniently.
  sf ??= createSourceFile(working, dialect);
  let diag = firstDiagnostic(sf);
  // Text that is mostly errors (junk, or hundreds of broken lines) would only
  // burn rounds, each slow because TypeScript formats every diagnostic.
  const rounds = looksLikeJunk(sf) ? 0 : MAX_BLANK_ROUNDS;
  let blankedAny = false;
  for (let round = 0; round <= rounds; round++) {
    let at: Failure | undefined = diag;
    if (!at) {
      const program = tryConvert(sf, dialect);
      if (program) return partial(program);
      at = convertFailure(sf, dialect);
      if (!at) return failed();
    }
    if (round === rounds) break;
    const span = spanToBlank(sf, at.offset);
    if (!span) break;
    const blanked = working.slice(0, span.start) + blank(working.slice(span.start, span.end)) + working.slice(span.end);
    if (blanked === working) break;
    working = blanked;
    blankedAny = true;
    sf = reparse(sf, working, span, dialect);
    diag = firstDiagnostic(sf);
  }

  // Last resort, when blanking cascades (a broken line inside a huge object
  // literal makes every following property an error): keep everything before
  // the broken statement, blank the rest, and close what is open there.
  // Without blanking, the last parse is of `base` (plus closers after it).
  const bsf = blankedAny ? createSourceFile(base, dialect) : sf;
  const inner = spanToBlank(bsf, Math.min(first.offset, base.length));
  const cuts = new Set<number>();
  if (inner) cuts.add(inner.start);
  cuts.add(startOfTopLevelStatement(bsf, first.offset));
  for (const cut of cuts) {
    const prefix = base.slice(0, cut);
    const close = missingClosers(prefix, dialect);
    const truncated = prefix + blank(base.slice(cut)) + (close ? '\n' + close : '');
    const tsf = createSourceFile(truncated, dialect);
    if (firstDiagnostic(tsf)) continue;
    const program = tryConvert(tsf, dialect);
    if (program) return partial(program);
  }
  return failed();
}

/** Start of the top-level statement containing `offset`, or of the line when there is none. */
function startOfTopLevelStatement(sf: ts.SourceFile, offset: number): number {
  for (const st of sf.statements) if (offset >= st.pos && offset < st.end) return st.getStart(sf);
  let i = Math.min(offset, sf.text.length);
  while (i > 0 && sf.text[i - 1] !== '\n' && sf.text[i - 1] !== '\r') i--;
  return i;
}

/** Incremental reparse after blanking `span` (same length), or a full parse if TypeScript objects. */
function reparse(sf: ts.SourceFile, text: string, span: { start: number; end: number }, dialect: Dialect): ts.SourceFile {
  try {
    const length = span.end - span.start;
    return TS().updateSourceFile(sf, text, { span: { start: span.start, length }, newLength: length });
  } catch {
    return createSourceFile(text, dialect);
  }
}

function tryConvert(sf: ts.SourceFile, dialect: Dialect, lenient = true): TSESTree.Program | undefined {
  for (const allowInvalidAST of lenient ? [false, true] : [false]) {
    try {
      return convert(sf, dialect, allowInvalidAST);
    } catch {
      // try the next setting
    }
  }
  return undefined;
}

function convertFailure(sf: ts.SourceFile, dialect: Dialect): Failure | undefined {
  try {
    convert(sf, dialect, true);
    return undefined;
  } catch (e) {
    return toFailure(e);
  }
}

function parseError(path: string, lines: LineIndex, f: Failure, level: EngineError['level']): EngineError {
  if (f.located === false) return { kind: 'parse', level, path, message: f.message };
  const pos = lines.positionAt(f.offset);
  return { kind: 'parse', level, path, line: pos.line + 1, column: pos.character + 1, message: f.message };
}

function internalFailure(text: string, path: string, lines: LineIndex, e: unknown): ParsedSource {
  const message = `Parser failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
  return { text, path, program: null, errors: [{ kind: 'internal', level: 'error', path, message }], lines, recovered: 'none' };
}

/** NUL characters do not occur in source code; they do in binary files opened as text. */
function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/** Replaces every character by a space except line terminators, so offsets and lines stay. */
function blank(s: string): string {
  return s.replace(/[^\r\n\u2028\u2029]/g, ' ');
}

// --- merge conflicts -------------------------------------------------------

const CONFLICT_MARKER = /^(?:<{7}|\|{7}|={7}|>{7})(?=[ \t\r\n]|$)/m;

/** Blanks conflict marker lines; with `keepTheirs` false also the base and "theirs" sections. */
function blankConflicts(text: string, keepTheirs: boolean): string {
  const parts = text.split(/(\r\n|\r|\n)/);
  let section: 'none' | 'ours' | 'base' | 'theirs' = 'none';
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i] ?? '';
    const marker = /^(<{7}|\|{7}|={7}|>{7})(?:[ \t]|$)/.exec(line)?.[1]?.[0];
    if (marker) {
      section = marker === '<' ? 'ours' : marker === '|' ? 'base' : marker === '=' ? 'theirs' : 'none';
      parts[i] = blank(line);
    } else if (!keepTheirs && (section === 'base' || section === 'theirs')) {
      parts[i] = blank(line);
    }
  }
  return parts.join('');
}

// --- closers ----------------------------------------------------------------

/**
 * The closers (`*\/`, `}`, `)`, `]`, `}` + backtick, backtick) missing at the end of
 * `text`, innermost first, from a bracket count by TypeScript's scanner (which
 * knows strings, comments, templates and, with a little help, regexes).
 * A closer that does not match the innermost opener closes the nearest
 * matching one, dropping those in between.
 */
function missingClosers(text: string, dialect: Dialect): string {
  const variant = dialect.jsx ? TS().LanguageVariant.JSX : TS().LanguageVariant.Standard;
  // A block comment left open runs to the end of the text: close it first.
  let unterminatedComment = false;
  const onError = (message: ts.DiagnosticMessage): void => {
    if (message.code === ASTERISK_SLASH_EXPECTED) unterminatedComment = true;
  };
  const scanner = TS().createScanner(TS().ScriptTarget.Latest, /* skipTrivia */ true, variant, text, onError);
  const stack: string[] = [];
  let prev: ts.SyntaxKind = TS().SyntaxKind.Unknown;
  let unterminatedTemplate = false;
  const closeTo = (opener: string): void => {
    const i = stack.lastIndexOf(opener);
    if (i >= 0) stack.length = i;
  };
  for (let kind = scanner.scan(); kind !== TS().SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === TS().SyntaxKind.SlashToken || kind === TS().SyntaxKind.SlashEqualsToken) && regexAllowedAfter(prev)) {
      kind = scanner.reScanSlashToken();
    }
    switch (kind) {
      case TS().SyntaxKind.OpenBraceToken:
        stack.push('{');
        break;
      case TS().SyntaxKind.OpenParenToken:
        stack.push('(');
        break;
      case TS().SyntaxKind.OpenBracketToken:
        stack.push('[');
        break;
      case TS().SyntaxKind.TemplateHead:
        stack.push('${');
        break;
      case TS().SyntaxKind.CloseBraceToken:
        if (stack[stack.length - 1] === '${') {
          kind = scanner.reScanTemplateToken(false);
          if (kind === TS().SyntaxKind.TemplateTail) stack.pop();
        } else {
          closeTo('{');
        }
        break;
      case TS().SyntaxKind.CloseParenToken:
        closeTo('(');
        break;
      case TS().SyntaxKind.CloseBracketToken:
        closeTo('[');
        break;
      default:
        break;
    }
    unterminatedTemplate =
      (kind === TS().SyntaxKind.NoSubstitutionTemplateLiteral || kind === TS().SyntaxKind.TemplateTail) && scanner.isUnterminated();
    prev = kind;
  }
  const closers: string[] = unterminatedComment ? ['*/\n'] : unterminatedTemplate ? ['`'] : [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const o = stack[i];
    closers.push(o === '{' ? '}' : o === '(' ? ')' : o === '[' ? ']' : '}`');
  }
  return closers.join('');
}

/** TypeScript's diagnostic code for "'*\/' expected." (an unterminated block comment). */
const ASTERISK_SLASH_EXPECTED = 1010;

/** Whether a `/` after a token of kind `prev` starts a regex rather than a division. */
function regexAllowedAfter(prev: ts.SyntaxKind): boolean {
  switch (prev) {
    case TS().SyntaxKind.Identifier:
    case TS().SyntaxKind.PrivateIdentifier:
    case TS().SyntaxKind.NumericLiteral:
    case TS().SyntaxKind.BigIntLiteral:
    case TS().SyntaxKind.StringLiteral:
    case TS().SyntaxKind.RegularExpressionLiteral:
    case TS().SyntaxKind.NoSubstitutionTemplateLiteral:
    case TS().SyntaxKind.TemplateTail:
    case TS().SyntaxKind.CloseParenToken:
    case TS().SyntaxKind.CloseBracketToken:
    case TS().SyntaxKind.CloseBraceToken:
    case TS().SyntaxKind.PlusPlusToken:
    case TS().SyntaxKind.MinusMinusToken:
    case TS().SyntaxKind.ThisKeyword:
    case TS().SyntaxKind.SuperKeyword:
    case TS().SyntaxKind.TrueKeyword:
    case TS().SyntaxKind.FalseKeyword:
    case TS().SyntaxKind.NullKeyword:
      return false;
    default:
      return true;
  }
}

// --- blanking ---------------------------------------------------------------

/**
 * The span to blank for an error at `offset`: the innermost statement or class
 * member containing it, or the innermost one just before it that TypeScript
 * marked as broken (a missing `)` is reported at the next token, which often
 * belongs to the enclosing block). Without either, the token at `offset`.
 */
function spanToBlank(sf: ts.SourceFile, offset: number): { start: number; end: number } | undefined {
  const text = sf.text;
  let before = offset - 1;
  while (before >= 0 && isSpace(text.charCodeAt(before))) before--;

  const atError = innermostBlankable(sf, offset);
  const beforeError = before >= 0 ? innermostBlankable(sf, before) : undefined;
  let target = atError;
  if (beforeError && beforeError !== atError && hasParseError(beforeError) && (!atError || within(beforeError, atError, sf))) {
    target = beforeError;
  }
  if (target) {
    const start = target.getStart(sf);
    // An error reported at the first token of a later line usually means the
    // construct before it is unfinished, and that token starts the next
    // (often valid) one, which TypeScript's recovery may have pulled into the
    // broken node: blank only up to the end of the previous token.
    if (before >= start && before + 1 < target.end && /[\r\n\u2028\u2029]/.test(text.slice(before + 1, offset))) {
      return { start, end: before + 1 };
    }
    return { start, end: target.end };
  }

  // No statement around: skip the offending token itself.
  if (offset >= text.length) return undefined;
  const scanner = TS().createScanner(TS().ScriptTarget.Latest, true, sf.languageVariant, text, undefined, offset);
  scanner.scan();
  const end = Math.max(scanner.getTokenEnd(), offset + 1);
  return { start: offset, end: Math.min(end, text.length) };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

function within(inner: ts.Node, outer: ts.Node, sf: ts.SourceFile): boolean {
  return inner.getStart(sf) >= outer.getStart(sf) && inner.end <= outer.end;
}

/** The deepest statement or class member whose text (without leading trivia) contains `offset`. */
function innermostBlankable(sf: ts.SourceFile, offset: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    // `pos` includes leading trivia, so this also descends into nodes the offset precedes slightly.
    if (offset < node.pos || offset >= node.end) return;
    if (isBlankable(node) && offset >= node.getStart(sf)) found = node;
    TS().forEachChild(node, visit);
  };
  TS().forEachChild(sf, visit);
  return found;
}

function isBlankable(node: ts.Node): boolean {
  const parent = node.parent as ts.Node | undefined;
  if (!parent) return false;
  if (TS().isClassElement(node) && TS().isClassLike(parent)) return true;
  switch (parent.kind) {
    case TS().SyntaxKind.SourceFile:
    case TS().SyntaxKind.Block:
    case TS().SyntaxKind.ModuleBlock:
    case TS().SyntaxKind.CaseClause:
    case TS().SyntaxKind.DefaultClause:
      return (parent as ts.SourceFile | ts.Block | ts.ModuleBlock | ts.CaseOrDefaultClause).statements.includes(node as ts.Statement);
    default:
      return false;
  }
}

/** Whether TypeScript flagged `node` or a node inside it as the site of a syntax error. */
function hasParseError(node: ts.Node): boolean {
  if ((node.flags & TS().NodeFlags.ThisNodeHasError) !== 0) return true;
  return TS().forEachChild(node, (child) => (hasParseError(child) ? true : undefined)) === true;
}

// --- range fixes ------------------------------------------------------------

/** Adds `delta` to every node's and comment's range (fragments: undo the wrapper prefix). */
function shiftRanges(root: TSESTree.Program, delta: number): void {
  forEachRanged(root, (n) => {
    n.range = [n.range[0] + delta, n.range[1] + delta];
  });
}

/**
 * Clips every range to the original text: closers appended after it are not
 * part of it. A node that ran into them ends where the text's last
 * non-whitespace character does, so its snippet does not end in blank lines.
 */
function clipRanges(root: TSESTree.Program, text: string): void {
  const length = text.length;
  let trimmedEnd = length;
  while (trimmedEnd > 0 && isSpace(text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
  forEachRanged(root, (n) => {
    const [s, e] = n.range;
    if (s >= 0 && e <= length) return;
    const start = Math.max(0, Math.min(s, length));
    const end = e > length ? Math.max(start, Math.min(trimmedEnd, length)) : Math.max(start, e);
    n.range = [start, end];
  });
}

interface Ranged {
  type: string;
  range: [number, number];
}

function isRanged(v: unknown): v is Ranged {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && Array.isArray((v as { range?: unknown }).range);
}

/** Visits every node and comment once (generic walk: fragments may hold any node type). */
function forEachRanged(root: object, f: (n: Ranged) => void): void {
  const seen = new WeakSet<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (isRanged(v)) f(v);
    for (const key of Object.keys(v)) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const child = (v as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}
