#!/usr/bin/env node
// Reads jest's --json report and prints what ran, what skipped (with the reason each suite
// gives in its title), and the plain closing line CI reads: "N passed, N failed, N skipped".
const { readFileSync } = require('node:fs');

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = new Map();
for (const suite of report.testResults) {
  for (const test of suite.assertionResults) {
    if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
      const where = test.ancestorTitles[0] ?? test.title;
      skipped.set(where, (skipped.get(where) ?? 0) + 1);
    }
  }
}
const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);

console.log(
  `\nSuites run: ${report.numTotalTestSuites - report.numPendingTestSuites}, skipped whole: ${report.numPendingTestSuites}`,
);
for (const [where, count] of skipped) console.log(`SKIPPED ${count} test(s): ${where}`);
for (const suite of brokenSuites) console.log(`FAILED TO RUN: ${suite.name}\n${suite.message}`);

// Lint, format and typecheck failures (counted by .ci/run) count as failures too.
const checksFailed = Number(process.env.CHECKS_FAILED ?? 0);
const failed = report.numFailedTests + brokenSuites.length + checksFailed;
console.log(
  `${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
process.exitCode = failed > 0 || !report.success ? 1 : 0;
