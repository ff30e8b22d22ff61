/** Describes where two texts first differ, as a small unified-style diff for rule-test failures. */

/** Labels for the two sides of {@link describeTextDifference}. */
export interface DifferenceLabels {
  expected: string;
  actual: string;
}

/** How many unchanged lines to show around the difference, and the most changed lines shown per side. */
const CONTEXT_LINES = 2;
const MAX_CHANGED_LINES = 8;

/**
 * Returns undefined when `expected` and `actual` are equal; otherwise a short
 * unified-style diff of the first run of differing lines (`-` expected,
 * `+` actual, two lines of context), so a failing `.fixed` check shows what
 * the fix produced without dumping whole files.
 */
export function describeTextDifference(expected: string, actual: string, labels: DifferenceLabels): string | undefined {
  if (expected === actual) return undefined;
  const a = expected.split('\n');
  const b = actual.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  // The differing run ends where the lines agree again: at the same index when
  // the edit kept the line count (the usual fix), else at the common tail.
  let endA = first;
  let endB: number;
  if (a.length === b.length) {
    while (endA < a.length && a[endA] !== b[endA]) endA++;
    endB = endA;
  } else {
    endA = a.length;
    endB = b.length;
    while (endA > first && endB > first && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
  }
  const lines = [`--- ${labels.expected}`, `+++ ${labels.actual}`];
  const from = Math.max(0, first - CONTEXT_LINES);
  lines.push(`@@ line ${first + 1} @@`);
  for (let i = from; i < first; i++) lines.push(`  ${a[i]}`);
  // A carriage return is shown as \r so a line-ending difference is visible.
  const pushChanged = (sign: string, source: string[], start: number, end: number): void => {
    const shown = Math.min(end, start + MAX_CHANGED_LINES);
    for (let i = start; i < shown; i++) lines.push(`${sign} ${(source[i] ?? '').replace(/\r/g, '\\r')}`);
    if (end > shown) lines.push(`${sign} ... (${end - shown} more lines)`);
  };
  pushChanged('-', a, first, endA);
  pushChanged('+', b, first, endB);
  for (let i = endA; i < Math.min(a.length, endA + CONTEXT_LINES); i++) lines.push(`  ${a[i]}`);
  return lines.join('\n');
}
