function before(a) {
  exec(a);
}
function mid() {
  /* TODO: validate
  run(s);
}
