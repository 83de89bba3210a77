#!/usr/bin/env node
// Slack app launcher (npm start): builds dist/ first when it is missing or stale, then runs the app.
require('./ensure-built')('src/main.js');
require('../dist/src/main.js').main();
