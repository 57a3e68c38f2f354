// Preloaded by `npm run bench:capacity -- --profile` through NODE_OPTIONS
// (`--require`; Node refuses --cpu-prof there): runs V8's sampling profiler in
// every Node process of `npm start` and writes its profile to
// MINIPORTAL_BENCH_PROFILE_DIR when the process exits (a worker exits cleanly
// after its drain). SIGUSR2 starts the profile afresh: the benchmark sends it
// to the serving worker after the warm-up, so start-up and first compiles are
// left out. Same-thread inspector calls answer synchronously, so this works
// inside the 'exit' event.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded with --require */
const inspector = require("node:inspector");
const { mkdirSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const dir = process.env.MINIPORTAL_BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  process.on("SIGUSR2", () => {
    session.post("Profiler.stop");
    session.post("Profiler.start");
  });
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error || !result) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
