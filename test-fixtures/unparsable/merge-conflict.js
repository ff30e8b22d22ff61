function deploy(target) {
<<<<<<< HEAD
  exec('deploy ' + target);
=======
  spawn('deploy', [target]);
>>>>>>> feature/safer-deploy
}

function other(x) {
  eval(x);
}
