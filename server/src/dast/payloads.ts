/** Builds the probe values for each class from the sink's context: close exactly that context, then reopen it. */
import type { HtmlContext, ShellContext, SqlContext } from './payload-context';

/** A pair of SQL probes whose outcomes must differ, and which of them should look like the baseline. */
export interface SqlBooleanPair {
  name: string;
  truthy: string;
  falsy: string;
  /** `truthy`: the true form keeps the baseline's rows (AND); `falsy`: the false form does (OR). */
  neutral: 'truthy' | 'falsy';
}

/** The SQL probes for one context. */
export interface SqlPayloads {
  /** A lone quote (or a broken number) that a concatenated query cannot parse. */
  error: string;
  pairs: SqlBooleanPair[];
}

/**
 * SQL probes for `ctx`, all starting from the benign value `benign`.
 *
 * Why these shapes: `v%' AND 7=7 AND '%'='` closes the string with its own
 * suffix (so `LIKE '%v%'` still means what it meant), adds a clause at the same
 * parenthesis level, and reopens a string the original closing quote ends, so
 * the statement stays valid without a comment. The OR pair (reads only) closes
 * the parentheses open at the value and comments out the rest; it catches
 * logins and empty searches, where only a true OR changes the answer.
 * Nothing writes: no stacked statements, no DDL.
 */
export function sqlPayloads(ctx: SqlContext, benign: string, n: number): SqlPayloads {
  const q = ctx.quote ?? '';
  const close = ctx.quote ? `${ctx.stringSuffix}${q}` : '';
  const reopen = ctx.quote ? ` AND ${q}${ctx.stringSuffix}${q}=${q}` : '';
  const pairs: SqlBooleanPair[] = [
    { name: 'and', truthy: `${benign}${close} AND ${n}=${n}${reopen}`, falsy: `${benign}${close} AND ${n}=${n + 1}${reopen}`, neutral: 'truthy' },
  ];
  if (ctx.isRead) {
    const parens = ')'.repeat(ctx.parenDepth);
    pairs.push({ name: 'or', truthy: `${benign}${close}${parens} OR ${n}=${n}-- `, falsy: `${benign}${close}${parens} OR ${n}=${n + 1}-- `, neutral: 'falsy' });
  }
  return { error: ctx.quote ? `${benign}${q}` : `${benign}'"`, pairs };
}

/** Shell probes: a separator, then an arithmetic echo between two markers, reopened for the quote the command had. */
export function shellPayloads(ctx: ShellContext, benign: string, marker: string, a: number, b: number): string[] {
  const echo = `echo ${marker}$((${a}*${b}))${marker}`;
  switch (ctx) {
    case 'single':
      return [`${benign}';${echo};echo '`, `${benign}'\n${echo}\necho '`];
    case 'double':
      return [`${benign}";${echo};echo "`, `${benign}$(${echo})`];
    default:
      return [`${benign};${echo};#`, `${benign}\n${echo}\n#`];
  }
}

/** What must appear unescaped in the page for each HTML context: the break-out and the canary tag. */
export function htmlPayload(ctx: HtmlContext, tag: string): string {
  const canary = `<${tag}>`;
  switch (ctx.kind) {
    case 'attribute':
      return ctx.quote ? `${ctx.quote}>${canary}` : ` >${canary}`;
    case 'raw-text':
      return `${ctx.closeTag}${canary}`;
    case 'comment':
      return `-->${canary}`;
    default:
      return canary;
  }
}

/** A JavaScript expression that evaluates to `marker + a*b + marker`, closed and reopened for a string context. */
export function codePayload(quote: '"' | "'" | '`' | null, marker: string, a: number, b: number): string {
  const expr = `'${marker}'+(${a}*${b})+'${marker}'`;
  return quote ? `${quote}+${expr}+${quote}` : expr;
}

/** Template-engine expressions that compute `a*b`, for the engine in use (all of them when unknown). */
export function templatePayloads(engine: 'ejs' | 'nunjucks' | 'pug' | 'handlebars' | 'lodash' | 'unknown', a: number, b: number): string[] {
  const forms: Record<string, string> = {
    ejs: `<%= ${a}*${b} %>`,
    lodash: `<%= ${a}*${b} %>`,
    nunjucks: `{{${a}*${b}}}`,
    pug: `#{${a}*${b}}`,
    js: `\${${a}*${b}}`,
  };
  if (engine === 'handlebars') return [];
  if (engine === 'unknown') return [forms.ejs ?? '', forms.nunjucks ?? '', forms.pug ?? '', forms.js ?? ''];
  return [forms[engine] ?? ''];
}
