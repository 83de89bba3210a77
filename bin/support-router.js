#!/usr/bin/env node
// CLI launcher: runs the compiled CLI, building it first when dist/ is missing or stale.
require('./ensure-built')();
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
