/** Context-aware payloads: the SQL/shell/HTML/JS context is read from the sink's code and each payload closes exactly it. */
import * as assert from 'node:assert/strict';
import { parseSource } from '../../src/engine/parse/parse-source';
import type { Finding } from '../../src/engine/types';
import { codeContext, htmlContext, shellContext, sinkTemplate, sqlContext } from '../../src/dast/payload-context';
import { codePayload, htmlPayload, shellPayloads, sqlPayloads, templatePayloads } from '../../src/dast/payloads';

/** A finding whose sink is the first occurrence of `sink` in `code`. */
function findingAt(code: string, sink: string): Finding {
  const start = code.indexOf(sink);
  return {
    ruleId: 't',
    path: 't.js',
    range: { start: { line: 0, character: start }, end: { line: 0, character: start + sink.length } },
    start,
    end: start + sink.length,
    message: '',
    severity: 'error',
    metadata: {},
    snippet: sink,
    metavariables: {},
    fingerprint: 'x',
  };
}

function template(code: string, sink: string, names: string[]): { prefix: string; suffix: string } | undefined {
  const program = parseSource(code, 't.js').program;
  assert.ok(program);
  return sinkTemplate(findingAt(code, sink), program, names);
}

describe('dast: payload contexts', () => {
  it("reads LIKE '%…%' inside two parentheses and builds payloads that keep the statement valid", () => {
    const code = "const q = req.query.q; db.all(`SELECT id FROM p WHERE ((name LIKE '%${q}%') AND hidden = 0) ORDER BY id`);";
    const t = template(code, "`SELECT id FROM p WHERE ((name LIKE '%${q}%') AND hidden = 0) ORDER BY id`", ['q']);
    assert.deepEqual(t, { prefix: "SELECT id FROM p WHERE ((name LIKE '%", suffix: "%') AND hidden = 0) ORDER BY id" });
    const ctx = sqlContext(t);
    assert.deepEqual(ctx, { quote: "'", stringSuffix: '%', parenDepth: 2, isRead: true, inLike: true });
    const p = sqlPayloads(ctx, 'a', 7);
    assert.equal(p.error, "a'");
    const and = p.pairs[0];
    assert.equal(and?.truthy, "a%' AND 7=7 AND '%'='");
    assert.equal(and?.falsy, "a%' AND 7=8 AND '%'='");
    // Spliced back in, the true form is the original predicate AND true.
    assert.equal(`${t.prefix}${and?.truthy}${t.suffix}`, "SELECT id FROM p WHERE ((name LIKE '%a%' AND 7=7 AND '%'='%') AND hidden = 0) ORDER BY id");
    const or = p.pairs[1];
    assert.equal(or?.truthy, "a%')) OR 7=7-- ");
  });

  it('follows a variable and a concatenation to a numeric context, and never ORs a write', () => {
    const code = "const id = req.params.id; const sql = 'UPDATE t SET seen = 1 WHERE id = ' + id; db.query(sql);";
    const t = template(code, 'sql)', ['id']);
    assert.ok(t);
    assert.equal(t.prefix, 'UPDATE t SET seen = 1 WHERE id = ');
    const ctx = sqlContext(t);
    assert.equal(ctx.quote, null);
    assert.equal(ctx.isRead, false);
    const p = sqlPayloads(ctx, '1', 5);
    assert.deepEqual(p.pairs.map((x) => x.name), ['and']);
    assert.equal(p.pairs[0]?.truthy, '1 AND 5=5');
  });

  it('reads a double-quoted SQL string and an unknown context (bound parameter) as unknown', () => {
    assert.equal(sqlContext({ prefix: 'SELECT * FROM u WHERE name = "', suffix: '"' }).quote, '"');
    const code = "db.all('SELECT * FROM u WHERE id = ?', [req.query.id]);";
    assert.equal(template(code, '[req.query.id]', ['req.query']), undefined);
  });

  it('reads shell quoting and reopens it', () => {
    assert.equal(shellContext('ls -1 "public/'), 'double');
    assert.equal(shellContext("grep -c '"), 'single');
    assert.equal(shellContext('ping -c 1 '), 'none');
    assert.equal(shellContext('echo "a" \'b\' '), 'none');
    const [first] = shellPayloads('double', 'vigil', 'M', 2, 3);
    assert.equal(first, 'vigil";echo M$((2*3))M;echo "');
    assert.equal(shellPayloads('none', 'x', 'M', 2, 3)[0], 'x;echo M$((2*3))M;#');
    assert.equal(shellPayloads('single', 'x', 'M', 2, 3)[0], "x';echo M$((2*3))M;echo '");
  });

  it('reads the HTML context around a reflection and breaks out of it', () => {
    assert.deepEqual(htmlContext('<p>Hello '), { kind: 'text' });
    assert.deepEqual(htmlContext('<input name="q" value="'), { kind: 'attribute', quote: '"' });
    assert.deepEqual(htmlContext("<a href='"), { kind: 'attribute', quote: "'" });
    assert.deepEqual(htmlContext('<input value='), { kind: 'attribute', quote: '' });
    assert.deepEqual(htmlContext('<textarea>'), { kind: 'raw-text', closeTag: '</textarea>' });
    assert.deepEqual(htmlContext('<!-- note '), { kind: 'comment' });
    assert.equal(htmlPayload({ kind: 'attribute', quote: '"' }, 'vigilx'), '"><vigilx>');
    assert.equal(htmlPayload({ kind: 'raw-text', closeTag: '</textarea>' }, 'vigilx'), '</textarea><vigilx>');
    assert.equal(htmlPayload({ kind: 'text' }, 'vigilx'), '<vigilx>');
  });

  it('builds code and template canaries whose result is not in the payload', () => {
    assert.equal(codeContext("greet('"), "'");
    assert.equal(codeContext('1 + '), null);
    const code = codePayload("'", 'M', 12, 34);
    assert.equal(code, "'+'M'+(12*34)+'M'+'");
    assert.ok(!code.includes(String(12 * 34)));
    assert.deepEqual(templatePayloads('ejs', 12, 34), ['<%= 12*34 %>']);
    assert.deepEqual(templatePayloads('handlebars', 12, 34), []);
    assert.equal(templatePayloads('unknown', 12, 34).length, 4);
  });

  it('never builds a destructive SQL or shell payload', () => {
    const all = [
      ...[sqlContext({ prefix: "SELECT * FROM t WHERE a = '", suffix: "'" }), sqlContext({ prefix: 'DELETE FROM t WHERE id = ', suffix: '' })].flatMap((c) => {
        const p = sqlPayloads(c, 'v', 3);
        return [p.error, ...p.pairs.flatMap((x) => [x.truthy, x.falsy])];
      }),
      ...(['none', 'single', 'double'] as const).flatMap((c) => shellPayloads(c, 'v', 'M', 2, 3)),
    ];
    for (const p of all) assert.doesNotMatch(p, /\b(DROP|DELETE|UPDATE|INSERT|ALTER|TRUNCATE|rm|shutdown|reboot|kill)\b|;\s*(SELECT|EXEC)/i, p);
  });
});
