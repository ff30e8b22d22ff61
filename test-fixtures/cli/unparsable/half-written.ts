// An assistant's edit in progress: the second function is cut off.
export function ok(input: string): unknown {
  return eval(input);
}

export function broken(a: string {
  return a +;
}
