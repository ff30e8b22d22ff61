// Fixture for the rule-test runner's own tests: everything agrees.
// ruleid: passing-rule
BAD(1);
// ok: passing-rule
GOOD(1);
/* ruleid: passing-rule */
BAD(2);
