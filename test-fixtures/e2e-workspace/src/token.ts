// Session tokens.
export function newSessionId(): string {
  return Math.random().toString(36).slice(2);
}

export function greeting(name: string): string {
  return `Hello, ${name}`;
}
