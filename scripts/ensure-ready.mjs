#!/usr/bin/env node
// Makes `npm start`, `npm test` and `npm run bench` single commands on a fresh clone:
// installs the locked dependencies when they are missing, then compiles the sources.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

function run(command) {
  try {
    execSync(command, { stdio: 'inherit' });
  } catch {
    console.error(`\n${command} failed (see above)`);
    process.exit(1);
  }
}

if (!existsSync('node_modules/.package-lock.json')) run('npm ci --no-audit --no-fund');
run('npx tsc -p tsconfig.json');
