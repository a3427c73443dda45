// Usage: node eval.js <flagd flag file> <flag>
// Loads the file with flagd's evaluator (@openfeature/flagd-core, which also validates it
// against flagd's schema) and prints the flag's boolean value for an empty evaluation
// context: "true" or "false". Exits 1 with flagd's error on stderr when the file is
// refused or the flag cannot be resolved.
'use strict';
const fs = require('node:fs');
const { FlagdCore } = require('@openfeature/flagd-core');

const [file, flag] = process.argv.slice(2);
const core = new FlagdCore();
core.setConfigurations(fs.readFileSync(file, 'utf8'));
const resolved = core.resolveBooleanEvaluation(flag, false, {});
if (resolved.errorCode) {
  console.error(`${resolved.errorCode}: ${resolved.errorMessage}`);
  process.exit(1);
}
console.log(String(resolved.value));
