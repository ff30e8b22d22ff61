// Fixture for the rule-test runner's own tests: annotations inside JSX.
export function Panel() {
  return (
    <div>
      {/* ruleid: jsx-rule */}
      <button onClick={() => BAD(1)}>one</button>
      {/* ok: jsx-rule */}
      <button onClick={() => GOOD(2)}>two</button>
      {/* ok: other-rule */}
      {/* ruleid: jsx-rule */}
      <span>{BAD(3)}</span>
    </div>
  );
}
