// Fixture for the rule-test runner's own tests: no ok case, and annotations for another id.
// ruleid: missing-metadata
BAD(1);
