function first<T extends object>(items: Array<T>): T | undefined {
  return items[0];
}
const raw = <string>first([{}]);
exec(raw);
