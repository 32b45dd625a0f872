// Preloaded into a spawned plugin (NODE_OPTIONS=--require) by plugin-lean.test.ts: on SIGUSR2 it
// writes the paths of every module loaded so far, one a line, to $LOADED_MODULES_FILE.
"use strict";
const fs = require("node:fs");

process.on("SIGUSR2", () => {
  // Written beside and renamed: the test polls for the file, and must never read it half-written
  // (seen once in CI as a list without the operations the plugin had just run).
  const file = process.env.LOADED_MODULES_FILE;
  fs.writeFileSync(`${file}.partial`, Object.keys(require.cache).join("\n"));
  fs.renameSync(`${file}.partial`, file);
});
