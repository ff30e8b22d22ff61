// A small JS file for the CLI tests.
const x = process.argv[2];
eval(x);
module.exports = { x };
