#!/usr/bin/env node
// Reads jest's --json reports ("label=file", one per Node version run) and prints, for each, what
// ran, what skipped (with the reason each suite gives in its title) and its counts, then the plain
// closing line CI reads over all of them: "N passed, N failed, N skipped".
const { readFileSync } = require('node:fs');

const runs = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  return at > 0 ? { label: arg.slice(0, at), file: arg.slice(at + 1) } : { label: 'tests', file: arg };
});
const total = { passed: 0, failed: 0, skipped: 0 };
let success = true;
for (const { label, file } of runs) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = new Map();
  for (const suite of report.testResults)
    for (const test of suite.assertionResults)
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
        const where = test.ancestorTitles[0] ?? test.title;
        skipped.set(where, (skipped.get(where) ?? 0) + 1);
      }
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
  console.log(
    `\n${label}: suites run ${report.numTotalTestSuites - report.numPendingTestSuites}, skipped whole ${report.numPendingTestSuites}`,
  );
  for (const [where, count] of skipped) console.log(`SKIPPED ${count} test(s): ${where}`);
  for (const suite of brokenSuites) console.log(`FAILED TO RUN: ${suite.name}\n${suite.message}`);
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenSuites.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
  success &&= report.success;
}
// Lint, format and typecheck failures (counted by .ci/run) count as failures too.
total.failed += Number(process.env.CHECKS_FAILED ?? 0);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 || !success ? 1 : 0;
