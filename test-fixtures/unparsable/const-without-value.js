const { execSync } = require('child_process');
execSync('whoami');
const x = 
