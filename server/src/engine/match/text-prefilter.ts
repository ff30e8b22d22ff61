/**
 * The prefilter on raw text, before parsing: whether any rule could match a file
 * at all. When none can, the file need not be parsed (see ScanOptions.textPrefilter).
 *
 * It asks the same requirements as the prefilter after parsing (prefilter.ts),
 * with one change that makes it weaker, never stronger: "the file has word w"
 * becomes "w occurs somewhere in the text". The words after parsing are
 * identifiers and the words of string literals, template text and JSX text; each
 * is a piece of the source text except where an escape or a character reference
 * spelled it differently (`'\x65val'`, `\u0065val`, `'a\<newline>b'`, `&#101;`).
 * So the text is also searched with its escapes and references decoded, when it
 * has any. Text requirements (from regexes) are checked on the raw text on both
 * sides, so they agree exactly. Requirements are and/or trees without negation:
 * weaker atoms can only make more rules pass, so a file this rejects is one on
 * which every rule would have been skipped after parsing.
 */
import type { CompiledRule } from '../types';
import { formulaRequirement, RequirementMemo, satisfied, taintRequirement, type PrefilterFile, type Requirement } from './prefilter';
import { pathApplies } from './path-filter';
import { TextIndex } from './text-index';

/** Rules of a rule list in the order to try them: the last one that passed first (most files pass some rule, and it is usually the same one). */
const orders = new WeakMap<readonly CompiledRule[], number[]>();

/**
 * False when no rule of `rules` that applies to `path` can match `text`, judged on
 * the text alone; true otherwise (including whenever unsure).
 */
export function couldMatchText(text: string, path: string, rules: readonly CompiledRule[], ignorePathFilters = false): boolean {
  let order = orders.get(rules);
  if (order === undefined || order.length !== rules.length) {
    order = rules.map((_, i) => i);
    orders.set(rules, order);
  }
  const file = new RawText(text);
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    const rule = rules[index]!;
    const req = requirementOf(rule);
    if (req === undefined || (!ignorePathFilters && !pathApplies(rule, path))) continue;
    if (satisfied(req, file)) {
      if (k > 0) {
        order.splice(k, 1);
        order.unshift(index);
      }
      return true;
    }
  }
  return false;
}

/** The requirement a rule's matches need, or undefined for a rule that never runs (no formula or taint spec). */
function requirementOf(rule: CompiledRule): Requirement | undefined {
  if (rule.mode === 'taint') return rule.taint ? taintRequirement(rule.taint) : undefined;
  return rule.formula ? formulaRequirement(rule.formula) : undefined;
}

/** A file seen as text only, for {@link satisfied}. */
class RawText implements PrefilterFile {
  readonly requirementMemo = new RequirementMemo();
  readonly words: { has(word: string): boolean };
  private readonly index: TextIndex;
  private lowered: string | undefined;
  /** The text with escapes and character references decoded; undefined until needed, null when it has none. */
  private decodedText: string | null | undefined;

  constructor(private readonly text: string) {
    this.index = TextIndex.of(text);
    this.words = { has: (word: string) => this.hasWord(word) };
  }

  containsText(piece: string, ignoreCase: boolean): boolean {
    if (!this.index.mayContain(piece, ignoreCase)) return false;
    return (ignoreCase ? (this.lowered ??= this.text.toLowerCase()) : this.text).includes(piece);
  }

  private hasWord(word: string): boolean {
    if (this.index.mayContain(word, false) && this.text.includes(word)) return true;
    const decoded = this.decoded();
    return decoded !== null && decoded.includes(word);
  }

  private decoded(): string | null {
    if (this.decodedText === undefined) this.decodedText = decodeEscapes(this.text);
    return this.decodedText;
  }
}

/**
 * The text with every backslash escape and numeric character reference replaced by
 * what it stands for, or null when it has neither. Backslashes pair with the next
 * character left to right, as in strings, templates, regexes and identifiers, so
 * outside them (comments, JSX text) the pairing cannot fall out of step with a
 * string that follows; references are decoded as in JSX text and attributes
 * (named ones never stand for an ASCII letter, digit, `_` or `$`).
 */
export function decodeEscapes(text: string): string | null {
  const hasEscape = text.includes('\\');
  const hasReference = text.includes('&#');
  if (!hasEscape && !hasReference) return null;
  let out = text;
  if (hasEscape) {
    out = out.replace(/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-3][0-7]{0,2}|[4-7][0-7]?)|(\r\n|[\s\S]))/g, (_m, braced?: string, u4?: string, x2?: string, octal?: string, other?: string) => {
      if (braced !== undefined || u4 !== undefined || x2 !== undefined) {
        const code = parseInt((braced ?? u4 ?? x2)!, 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      if (octal !== undefined) return String.fromCharCode(parseInt(octal, 8));
      // A line continuation stands for nothing; \n \t ... for a character that is not part of a word.
      if (other === '\n' || other === '\r' || other === '\r\n' || other === '\u2028' || other === '\u2029') return '';
      return other !== undefined && 'nrtbfv'.includes(other) ? ' ' : (other ?? '');
    });
  }
  if (hasReference) {
    // Decoded in the raw text too: a reference is never inside an escape, nor an escape inside a reference.
    out += `\n${text.replace(/&#(?:x([0-9a-fA-F]+)|([0-9]+));/g, (m, hex?: string, dec?: string) => {
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })}`;
  }
  return out;
}
