  command: exec(userInput),
  render() {
    return eval(template);
  },
