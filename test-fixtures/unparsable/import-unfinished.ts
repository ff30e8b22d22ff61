import { exec,
function before(a: string) {
  exec(a);
}
function after(b: string) {
  eval(b);
}
