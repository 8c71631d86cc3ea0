#!/usr/bin/env node
// The built server, which `npm run build` makes, and npm itself on `npm ci`, `npm pack` and git installs.
const { main } = require('../dist/server/src/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
