function a() {
  exec(x);
}
function b() {
  foo(
}
function c() {
  eval(y);
}
