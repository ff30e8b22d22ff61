// Fixture for the rule-test runner's own tests: lines 5 and 6 are reported but not expected.
// ruleid: extra-match
BAD(1);
// ok: extra-match
BAD(2);
BAD(3);
