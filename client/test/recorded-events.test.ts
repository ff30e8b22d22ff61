/**
 * Replays the recorded change-event sequences of test-fixtures/client-events/:
 * each event must be consistent with the text it applies to (offsets, ranges),
 * apply to the recorded text, and classify as recorded, with and without the
 * pre-event text in the context.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyChange } from '../src/detect/change-classifier';
import { LineIndex, applyChanges } from '../src/detect/text-ranges';
import { DEFAULT_THRESHOLDS } from '../src/detect/types';
import type { Classification, EditContext, RecordedChangeEvent, Rng } from '../src/detect/types';
import { context } from './detect-helpers';

interface FixtureStep {
  note?: string;
  event: RecordedChangeEvent;
  context: Partial<EditContext>;
  /** 'assistant' or the reason. */
  expect: string;
  /** The verdict when the context lacks the pre-event text, if it differs. */
  expectWithoutTextBefore?: string;
  /** The ranges of an 'assistant' verdict. */
  expectRanges?: Rng[];
  /** The document text after the event. */
  expectText?: string;
}

interface Fixture {
  description: string;
  initialText: string;
  events: FixtureStep[];
}

const FIXTURE_DIR = path.resolve(__dirname, '../../../test-fixtures/client-events');

/** The fixtures the brief asks for; a missing one fails rather than silently shrinking the suite. */
const REQUIRED = [
  'typing.json',
  'auto-close-brackets.json',
  'undo-of-deletion.json',
  'paste.json',
  'format-on-save.json',
  'rename.json',
  'chat-apply.json',
  'chat-apply-replace-function.json',
  'agent-edit-background-doc.json',
  'crlf-document.json',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the shape of a parsed fixture file (enough to trust the cast). */
function asFixture(value: unknown, file: string): Fixture {
  assert.ok(isRecord(value), `${file}: not an object`);
  assert.equal(typeof value.description, 'string', `${file}: description`);
  assert.equal(typeof value.initialText, 'string', `${file}: initialText`);
  assert.ok(Array.isArray(value.events) && value.events.length > 0, `${file}: events`);
  for (const step of value.events as unknown[]) {
    assert.ok(isRecord(step) && isRecord(step.event) && typeof step.expect === 'string', `${file}: an event lacks event/expect`);
    assert.ok(Array.isArray(step.event.changes), `${file}: changes`);
    assert.ok(step.context === undefined || isRecord(step.context), `${file}: context`);
  }
  return value as unknown as Fixture;
}

function verdict(result: Classification): string {
  return result.assistant ? 'assistant' : result.reason;
}

describe('detect: recorded change events', () => {
  const files = fs.readdirSync(FIXTURE_DIR).filter((name) => name.endsWith('.json')).sort();

  it('has every required fixture', () => {
    for (const name of REQUIRED) {
      assert.ok(files.includes(name), `missing ${name}`);
    }
  });

  for (const file of files) {
    const fixture = asFixture(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as unknown, file);

    describe(file, () => {
      fixture.events.forEach((step, i) => {
        const where = `${file} event ${i}${step.note ? ` (${step.note})` : ''}`;
        it(`event ${i}: ${step.note ?? step.expect} -> ${step.expect}`, () => {
          // Replay the events before this one; each must describe the text it applies to, as VS Code's would.
          let text = fixture.initialText;
          let lastVersion = 1;
          for (const earlier of fixture.events.slice(0, i + 1)) {
            assert.ok(earlier.event.version > lastVersion, `${where}: versions increase`);
            lastVersion = earlier.event.version;
            const index = new LineIndex(text);
            for (const change of earlier.event.changes) {
              assert.equal(index.offsetAt(change.range.start), change.rangeOffset, `${where}: range start vs rangeOffset`);
              assert.equal(index.offsetAt(change.range.end) - change.rangeOffset, change.rangeLength, `${where}: range end vs rangeLength`);
              assert.deepEqual(index.positionAt(change.rangeOffset), change.range.start, `${where}: a valid start position`);
            }
            const next = applyChanges(text, earlier.event.changes);
            if (earlier.expectText !== undefined) {
              assert.equal(next, earlier.expectText, `${where}: text after the event`);
            }
            if (earlier !== step) {
              text = next;
            }
          }
          const event = step.event;
          const after = applyChanges(text, event.changes);

          const ctx = context(step.context);
          const withBefore = classifyChange(event, after, { ...ctx, textBefore: text }, DEFAULT_THRESHOLDS);
          const withoutBefore = classifyChange(event, after, ctx, DEFAULT_THRESHOLDS);
          assert.equal(verdict(withBefore), step.expect, `${where}: verdict`);
          assert.equal(verdict(withoutBefore), step.expectWithoutTextBefore ?? step.expect, `${where}: verdict without the pre-event text`);
          for (const result of [withBefore, withoutBefore]) {
            if (result.assistant) {
              assert.ok(step.expectRanges, `${where}: an assistant verdict needs expectRanges`);
              assert.deepEqual(result.ranges, step.expectRanges, `${where}: ranges`);
              const index = new LineIndex(after);
              const covered = result.ranges.map((range) => after.slice(index.offsetAt(range.start), index.offsetAt(range.end))).join('');
              assert.equal(covered, event.changes.map((change) => change.text).reverse().join(''), `${where}: the ranges cover the inserted text`);
            }
          }
        });
      });
    });
  }
});
