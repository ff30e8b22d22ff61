// Fixture for the rule-test runner's own tests: line 5 is annotated but not reported.
// ruleid: missed-line
BAD(1);
// ruleid: missed-line
notBad(2);
// ok: missed-line
GOOD(3);
