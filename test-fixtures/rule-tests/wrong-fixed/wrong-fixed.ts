// Fixture for the rule-test runner's own tests: the .fixed file does not match the fix.
// ruleid: wrong-fixed
BAD(1);
// ok: wrong-fixed
GOOD(1);
