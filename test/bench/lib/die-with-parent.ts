// Preloaded into the benchmarked server (node --require): if the bench dies without cleaning up (SIGKILL,
// a crash), the server notices it was re-parented and exits instead of lingering on the shared machine.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
