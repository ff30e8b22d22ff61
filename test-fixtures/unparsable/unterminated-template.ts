export class Runner {
  run(dir: string) {
    exec(`ls ${dir
