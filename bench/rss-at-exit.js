// Preloaded by the replay bench into the CLI (`node --require`): its peak resident set, on exit.
process.on('exit', () => {
  if (process.env.SCE_BENCH_RSS_FILE)
    require('node:fs').writeFileSync(process.env.SCE_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
