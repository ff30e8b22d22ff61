// Fixture for the rule-test runner's own tests: known gaps are recorded, not failed.
// ruleid: todo-rule
BAD(1);
// A known miss: the stand-in scanner does not report it, and that is expected.
// todoruleid: todo-rule
notYetBad(2);
// A known false positive: the stand-in scanner reports it, and that is expected.
// todook: todo-rule
BAD(3);
// ok: todo-rule
GOOD(4);
