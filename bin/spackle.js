#!/usr/bin/env node
// The built server; `npm run build` (or `npm test`/`npm start`) produces it.
const { main } = require('../dist/server/src/main.js');

main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { console.error(err instanceof Error ? err.message : err); process.exitCode = 2; },
);
