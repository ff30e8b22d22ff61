// A GitHub token written into the code (the test checks it never appears in any output).
export const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
