export class Service {
  list() {
    exec('ls');
  }
  find(
  }
  remove(id: string) {
    eval(id);
  }
}
