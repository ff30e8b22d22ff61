import * as assert from 'node:assert/strict';
import { DEFAULT_DISK_WRITE_OPTIONS, DiskWriteTracker, burstFiles, insertedHunks } from '../src/detect/disk-writes';
import type { DiskWriteTrackerOptions } from '../src/detect/disk-writes';
import { codeLines, rng } from './detect-helpers';

const ORIGINAL = 'import fs from "fs";\n\nexport function read(p) {\n  return fs.readFileSync(p, "utf8");\n}\n';
const EDITED = 'import fs from "fs";\nimport { exec } from "child_process";\n\nexport function read(p) {\n  return fs.readFileSync(p, "utf8");\n}\n\nexport function run(cmd) {\n  exec(cmd);\n}\n';
const CLEAN = { created: false, dirty: false };
const CREATED = { created: true, dirty: false };

/** A tracker on a fake clock that starts at 0. */
function makeTracker(options: Partial<DiskWriteTrackerOptions> = {}): { tracker: DiskWriteTracker; clock: { now: number } } {
  const clock = { now: 0 };
  return { tracker: new DiskWriteTracker({ now: () => clock.now, ...options }), clock };
}

const uri = (i: number | string): string => `file:///w/src/file${i}.ts`;

describe('detect/disk-writes', () => {
  describe('insertedHunks', () => {
    it('gives whole added lines, separate hunks separately', () => {
      assert.deepEqual(insertedHunks(ORIGINAL, EDITED), [rng(1, 0, 2, 0), rng(6, 0, 10, 0)]);
    });

    it('merges adjacent added lines into one hunk, replacements included', () => {
      assert.deepEqual(insertedHunks('a\nb\nc\nd\n', 'a\nB\nC\nd\n'), [rng(1, 0, 3, 0)]);
    });

    it('reports nothing for equal texts or pure deletions', () => {
      assert.deepEqual(insertedHunks(ORIGINAL, ORIGINAL), []);
      assert.deepEqual(insertedHunks('a\nb\nc\n', 'a\nc\n'), []);
    });

    it('ends at the end of a last line without a line break', () => {
      assert.deepEqual(insertedHunks('a\n', 'a\nb'), [rng(1, 0, 1, 1)]);
    });

    it('compares \\r\\n and \\n lines alike and counts \\r\\n in positions', () => {
      const crlf = ORIGINAL.replace(/\n/g, '\r\n');
      assert.deepEqual(insertedHunks(crlf, EDITED), [rng(1, 0, 2, 0), rng(6, 0, 10, 0)]);
      assert.deepEqual(insertedHunks(ORIGINAL, EDITED.replace(/\n/g, '\r\n')), [rng(1, 0, 2, 0), rng(6, 0, 10, 0)]);
    });

    it('falls back to the whole differing span in whole lines when the diff is too long', () => {
      assert.deepEqual(insertedHunks('a\nb\nc\nd\n', 'a\nX\nc\nY\n', 1), [rng(1, 0, 4, 0)]);
      assert.deepEqual(insertedHunks('a\nb\nc\nd\n', 'a\nX\nc\nY\n'), [rng(1, 0, 2, 0), rng(3, 0, 4, 0)]);
    });
  });

  describe('burstFiles', () => {
    it('marks the files of a window holding more than the maximum', () => {
      const events = [0, 10, 20, 30].map((at, i) => ({ uri: uri(i), at })).concat([{ uri: uri('late'), at: 5000 }]);
      assert.deepEqual([...burstFiles(events, 100, 3)].sort(), [uri(0), uri(1), uri(2), uri(3)]);
      assert.deepEqual([...burstFiles(events, 100, 4)], []);
    });

    it('counts distinct files, not writes', () => {
      const events = Array.from({ length: 10 }, (_, i) => ({ uri: uri(i % 2), at: i }));
      assert.equal(burstFiles(events, 100, 2).size, 0);
    });

    it('slides: one file a second is never a burst', () => {
      const events = Array.from({ length: 30 }, (_, i) => ({ uri: uri(i), at: i * 1000 }));
      assert.equal(burstFiles(events, 1500, 2).size, 0);
      assert.equal(burstFiles(events, 1500, 1).size, 30);
    });
  });

  describe('DiskWriteTracker', () => {
    it('has the documented defaults', () => {
      const { now: _now, ...defaults } = DEFAULT_DISK_WRITE_OPTIONS;
      assert.deepEqual(defaults, { batchWindowMs: 1500, maxFilesPerBatch: 6, gitQuietMs: 3000, maxBaselineBytes: 32 * 1024 * 1024, maxFileBytes: 1_000_000 });
      assert.equal(new DiskWriteTracker().settleMs, 3000);
    });

    it('reports the hunks an agent added to one file, once settled', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), EDITED, 1000, CLEAN);
      assert.equal(tracker.nextFlushAt(), 4000);
      assert.deepEqual(tracker.flush(2600), [], 'not settled: a git change may still come');
      assert.deepEqual(tracker.flush(4000), [{ uri: uri(1), ranges: [rng(1, 0, 2, 0), rng(6, 0, 10, 0)], created: false }]);
      assert.equal(tracker.nextFlushAt(), undefined);
      assert.deepEqual(tracker.flush(9000), [], 'reported once');
    });

    it('compares later writes with the text it last saw', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), EDITED, 0, CLEAN);
      tracker.flush(3000);
      tracker.fileChanged(uri(1), EDITED + 'export const x = 1;\n', 10_000, CLEAN);
      assert.deepEqual(tracker.flush(13_000), [{ uri: uri(1), ranges: [rng(10, 0, 11, 0)], created: false }]);
    });

    it('reports a new file whole', () => {
      const { tracker } = makeTracker();
      tracker.fileChanged(uri('new'), 'export const a = 1;\nexport const b = 2;', 0, CREATED);
      assert.deepEqual(tracker.flush(3000), [{ uri: uri('new'), ranges: [rng(0, 0, 1, 19)], created: true }]);
      assert.ok(tracker.hasBaseline(uri('new')));
    });

    it('does not report an empty or blank new file', () => {
      const { tracker } = makeTracker();
      tracker.fileChanged(uri('empty'), '', 0, CREATED);
      tracker.fileChanged(uri('blank'), '\n\n  \n', 0, CREATED);
      assert.deepEqual(tracker.flush(3000), []);
    });

    it('keeps a file created then changed before the flush as created', () => {
      const { tracker } = makeTracker();
      tracker.fileChanged(uri('new'), 'a();\n', 0, CREATED);
      tracker.fileChanged(uri('new'), 'a();\nb();\n', 500, CLEAN);
      assert.deepEqual(tracker.flush(3500), [{ uri: uri('new'), ranges: [rng(0, 0, 2, 0)], created: true }]);
    });

    it('diffs a "created" file against its baseline (an atomic rewrite)', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), EDITED, 0, CREATED);
      assert.deepEqual(tracker.flush(3000), [{ uri: uri(1), ranges: [rng(1, 0, 2, 0), rng(6, 0, 10, 0)], created: false }]);
    });

    it('only records a baseline for a changed file it had none of', () => {
      const { tracker } = makeTracker();
      tracker.fileChanged(uri(1), ORIGINAL, 0, CLEAN);
      assert.deepEqual(tracker.flush(3000), []);
      assert.ok(tracker.hasBaseline(uri(1)));
      tracker.fileChanged(uri(1), EDITED, 5000, CLEAN);
      assert.equal(tracker.flush(8000).length, 1);
    });

    it('reports nothing when 20 files change in one window, and moves their baselines', () => {
      const { tracker } = makeTracker();
      for (let i = 0; i < 20; i++) {
        tracker.setBaseline(uri(i), ORIGINAL);
        tracker.fileChanged(uri(i), EDITED, i * 20, CLEAN);
      }
      assert.deepEqual(tracker.flush(10_000), []);
      tracker.fileChanged(uri(3), EDITED + '// more\n', 20_000, CLEAN);
      assert.deepEqual(tracker.flush(23_000), [{ uri: uri(3), ranges: [rng(10, 0, 11, 0)], created: false }]);
    });

    it('reports up to maxFilesPerBatch files of one window, not one more', () => {
      const cases: [files: number, reported: number][] = [
        [6, 6],
        [7, 0],
      ];
      for (const [count, expected] of cases) {
        const { tracker } = makeTracker();
        for (let i = 0; i < count; i++) {
          tracker.setBaseline(uri(i), ORIGINAL);
          tracker.fileChanged(uri(i), EDITED, i * 100, CLEAN);
        }
        assert.equal(tracker.flush(10_000).length, expected, `${count} files`);
      }
    });

    it('reports an agent that writes one file a second, whatever the total', () => {
      const { tracker, clock } = makeTracker();
      const reported: string[] = [];
      for (let i = 0; i < 12; i++) {
        tracker.setBaseline(uri(i), ORIGINAL);
        clock.now = i * 1000;
        tracker.fileChanged(uri(i), EDITED, clock.now, CLEAN);
        reported.push(...tracker.flush().map((report) => report.uri));
      }
      clock.now = 20_000;
      reported.push(...tracker.flush().map((report) => report.uri));
      assert.equal(reported.length, 12);
      assert.equal(new Set(reported).size, 12);
    });

    it('reports nothing for writes shortly after a git change', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.gitChanged(1000);
      tracker.fileChanged(uri(1), EDITED, 3500, CLEAN);
      assert.deepEqual(tracker.flush(10_000), []);
      assert.ok(tracker.hasBaseline(uri(1)));
      tracker.fileChanged(uri(1), EDITED + '// x\n', 20_000, CLEAN);
      assert.deepEqual(tracker.flush(30_000)[0]?.ranges, [rng(10, 0, 11, 0)], 'the baseline moved to the checked-out text');
    });

    it('reports nothing for writes shortly before a git change (HEAD moves after the checkout)', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), EDITED, 1000, CLEAN);
      tracker.gitChanged(3900);
      assert.deepEqual(tracker.flush(4000), []);
    });

    it('reports writes well apart from a git change', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.gitChanged(0);
      tracker.fileChanged(uri(1), EDITED, 3001, CLEAN);
      tracker.gitChanged(6002);
      assert.equal(tracker.flush(7000).length, 1);
    });

    it('uses its clock when no time is given', () => {
      const { tracker, clock } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      clock.now = 50_000;
      tracker.gitChanged();
      tracker.fileChanged(uri(1), EDITED, 51_000, CLEAN);
      clock.now = 60_000;
      assert.deepEqual(tracker.flush(), []);
      tracker.fileChanged(uri(2), 'x();\n', 100_000, CREATED);
      clock.now = 100_500;
      assert.deepEqual(tracker.flush(), [], 'not settled by the clock');
      clock.now = 103_000;
      assert.equal(tracker.flush().length, 1);
    });

    it('reports nothing for a whitespace-only rewrite (a formatter), and moves the baseline', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      const formatted = ORIGINAL.replace(/ {2}/g, '    ').replace(/\n/g, '\r\n');
      tracker.fileChanged(uri(1), formatted, 0, CLEAN);
      assert.deepEqual(tracker.flush(3000), []);
      tracker.fileChanged(uri(1), formatted + 'x();\r\n', 5000, CLEAN);
      assert.deepEqual(tracker.flush(8000)[0]?.ranges, [rng(5, 0, 6, 0)]);
    });

    it('ignores a file with unsaved edits: no report, baseline and queue untouched', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), EDITED, 0, { created: false, dirty: true });
      assert.equal(tracker.nextFlushAt(), undefined);
      assert.deepEqual(tracker.flush(10_000), []);
      tracker.fileChanged(uri(1), EDITED, 20_000, CLEAN);
      assert.deepEqual(tracker.flush(30_000)[0]?.ranges, [rng(1, 0, 2, 0), rng(6, 0, 10, 0)], 'still compared with the original baseline');
    });

    it('drops a queued write when the file is forgotten', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), EDITED, 0, CLEAN);
      tracker.forget(uri(1));
      assert.ok(!tracker.hasBaseline(uri(1)));
      assert.deepEqual(tracker.flush(10_000), []);
    });

    it('evicts the least recently used baselines beyond the byte budget', () => {
      const { tracker } = makeTracker({ maxBaselineBytes: 100 });
      tracker.setBaseline(uri(1), 'a'.repeat(40));
      tracker.setBaseline(uri(2), 'b'.repeat(40));
      tracker.setBaseline(uri(1), 'a'.repeat(40)); // uri 1 is now the most recently used
      tracker.setBaseline(uri(3), 'c'.repeat(40));
      assert.ok(tracker.hasBaseline(uri(1)));
      assert.ok(!tracker.hasBaseline(uri(2)));
      assert.ok(tracker.hasBaseline(uri(3)));
      assert.equal(tracker.baselineBytes, 80);
    });

    it('measures baselines in UTF-8 bytes', () => {
      const { tracker } = makeTracker({ maxBaselineBytes: 100 });
      tracker.setBaseline(uri(1), 'é'.repeat(30)); // 60 bytes
      tracker.setBaseline(uri(2), 'x'.repeat(45));
      assert.ok(!tracker.hasBaseline(uri(1)));
      assert.equal(tracker.baselineBytes, 45);
    });

    it('keeps and reports nothing for files over maxFileBytes, but counts them towards a batch', () => {
      const { tracker } = makeTracker({ maxFileBytes: 1000, maxFilesPerBatch: 2 });
      tracker.setBaseline(uri('big'), 'x'.repeat(2000));
      assert.ok(!tracker.hasBaseline(uri('big')));
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), 'y'.repeat(1001), 0, CLEAN);
      assert.deepEqual(tracker.flush(3000), []);
      assert.ok(!tracker.hasBaseline(uri(1)));

      tracker.setBaseline(uri(2), ORIGINAL);
      tracker.setBaseline(uri(3), ORIGINAL);
      tracker.fileChanged(uri(2), EDITED, 10_000, CLEAN);
      tracker.fileChanged(uri(3), EDITED, 10_010, CLEAN);
      tracker.fileChanged(uri('big'), 'z'.repeat(5000), 10_020, CREATED);
      assert.deepEqual(tracker.flush(20_000), []);
    });

    it('waits for the last write of a file before judging it', () => {
      const { tracker } = makeTracker();
      tracker.setBaseline(uri(1), ORIGINAL);
      tracker.fileChanged(uri(1), ORIGINAL + 'a();\n', 0, CLEAN);
      tracker.fileChanged(uri(1), EDITED, 2000, CLEAN);
      assert.deepEqual(tracker.flush(3500), []);
      assert.equal(tracker.nextFlushAt(), 5000);
      assert.deepEqual(tracker.flush(5000)[0]?.ranges, [rng(1, 0, 2, 0), rng(6, 0, 10, 0)]);
    });

    it('reports a large file edit as several hunks', () => {
      const { tracker } = makeTracker();
      const before = codeLines(300);
      const after = before.replace('value10 = 10;\n', 'value10 = 10;\nextra1();\n').replace('value200 = 200;\n', 'value200 = 200;\nextra2();\n');
      tracker.setBaseline(uri(1), before);
      tracker.fileChanged(uri(1), after, 0, CLEAN);
      assert.deepEqual(tracker.flush(3000)[0]?.ranges, [rng(11, 0, 12, 0), rng(202, 0, 203, 0)]);
    });
  });
});
