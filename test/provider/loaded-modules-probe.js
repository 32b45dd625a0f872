// Preloaded into a spawned plugin (NODE_OPTIONS=--require) by plugin-lean.test.ts: on SIGUSR2 it
// writes the paths of every module loaded so far, one a line, to $LOADED_MODULES_FILE.
"use strict";
const fs = require("node:fs");

process.on("SIGUSR2", () => {
  fs.writeFileSync(process.env.LOADED_MODULES_FILE, Object.keys(require.cache).join("\n"));
});
