/**
 * A quick "certainly absent" test for pieces of a file's text: a bitmap of the
 * text's character trigrams (ASCII letters folded to lower case), built in one
 * pass. A piece with a trigram missing from the bitmap is not in the text, in
 * either case; anything else must still be searched for.
 *
 * Why: the prefilter asks every file for the literal pieces of the pack's
 * secret and regex rules (`AKIA`, `-----BEGIN `, `mongodb`, ...), which are
 * absent from almost every file; searching for each of ~160 pieces costs a pass
 * over the text per piece, the bitmap one pass for all of them.
 */

/** log2 of the bits in the bitmap (8 KB: a 50 KB file sets about a fifth of them). */
const INDEX_BITS = 16;
const BITS = 1 << INDEX_BITS;

/** The index of the last text indexed: the raw-text prefilter and the file context ask for the same text in a row. */
let last: { text: string; index: TextIndex } | undefined;

export class TextIndex {
  /** The index of `text`, reusing the last one built when it was for this text. */
  static of(text: string): TextIndex {
    if (last?.text !== text) last = { text, index: new TextIndex(text) };
    return last.index;
  }

  private readonly bits = new Uint32Array(BITS >>> 5);
  /**
   * The text holds a character whose lower case is (or contains) an ASCII letter
   * (U+0130, U+212A): lower-cased texts may then hold trigrams this one lacks.
   */
  private readonly caseUnsafe: boolean;

  constructor(text: string) {
    const bits = this.bits;
    let unsafe = false;
    let a = 0;
    let b = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 32;
      else if (c >= 128) {
        if (c === 0x130 || c === 0x212a) unsafe = true;
        c = 128 | (c & 127);
      }
      if (i >= 2) {
        const h = hash(a, b, c);
        bits[h >>> 5]! |= 1 << (h & 31);
      }
      a = b;
      b = c;
    }
    this.caseUnsafe = unsafe;
  }

  /**
   * False when `piece` certainly does not occur in the text, nor (for an
   * `ignoreCase` piece, which is lower case) in the lower-cased text.
   */
  mayContain(piece: string, ignoreCase: boolean): boolean {
    if (piece.length < 3 || (ignoreCase && this.caseUnsafe)) return true;
    const bits = this.bits;
    let a = 0;
    let b = 0;
    for (let i = 0; i < piece.length; i++) {
      let c = piece.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 32;
      // A lower-cased non-ASCII piece may stand for other characters of the text: no verdict.
      else if (c >= 128) {
        if (ignoreCase) return true;
        c = 128 | (c & 127);
      }
      if (i >= 2) {
        const h = hash(a, b, c);
        if ((bits[h >>> 5]! & (1 << (h & 31))) === 0) return false;
      }
      a = b;
      b = c;
    }
    return true;
  }
}

/** The bitmap position of a trigram (each character folded to 8 bits): the top bits of a multiplicative hash. */
function hash(a: number, b: number, c: number): number {
  return Math.imul((a << 16) | (b << 8) | c, 0x9e3779b1) >>> (32 - INDEX_BITS);
}
