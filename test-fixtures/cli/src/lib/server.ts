// A small TS file for the CLI tests.
export function decode(input: string): Buffer {
  const raw: Buffer = new Buffer(input);
  return raw;
}

export function run(code: string): unknown {
  return eval(code);
}
