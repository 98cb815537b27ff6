/**
 * The program the template sandbox runs, as text: it is started with `node -e` so the sandbox
 * needs no file access at all (not even to its own code), and it must not depend on how this
 * module was compiled (tsc for dist/, tsx for the tests). It is small on purpose; every line
 * is exercised by test/unit/render/sandbox.test.ts.
 *
 * Inside the process, a second wall: the templates run in a fresh V8 context that holds
 * nothing of Node.js (no `process`, no `require`, no `import()`), built from a null-prototype
 * object so that no object of the outer realm is reachable from it, with its promise jobs run
 * inside the timeout. Data goes in as one JSON string and the result comes out as one string;
 * nothing else crosses.
 */

/**
 * Runs inside the V8 context. Sees `nunjucks` (the engine's browser build, evaluated in the
 * context) and `job` (JSON: templates by name, entry, render context). Returns "ok\n<text>" or
 * "error\n<message>"; any value a template throws is turned into text here, under the timeout.
 */
const IN_CONTEXT = `(function () {
  'use strict';
  try {
    var input = JSON.parse(job);
    var has = Object.prototype.hasOwnProperty;
    var Loader = nunjucks.Loader.extend({
      getSource: function (name) {
        if (!has.call(input.templates, name)) throw new Error('template not found: ' + name);
        return { src: input.templates[name], path: name, noCache: true };
      }
    });
    var env = new nunjucks.Environment(new Loader(), input.options);
    return 'ok\\n' + env.render(input.entry, input.context);
  } catch (error) {
    return 'error\\n' + String(error && error.message);
  }
})()`;

/** The sandbox's exit status when the render ran out of time inside the V8 context. */
export const TIMED_OUT = 4;

/**
 * The process's program (CommonJS, as `node -e` runs it). Refuses to run unless Node's
 * permission model is in force without file, child-process or worker rights: a Node.js that
 * ignored the flag must not render untrusted templates. Input on stdin: {engine, job, timeoutMs}.
 */
export const SANDBOX_PROGRAM = `'use strict';
const fs = require('node:fs');
const vm = require('node:vm');
const permission = process.permission;
if (!permission || ['fs.read', 'fs.write', 'child', 'worker'].some((scope) => permission.has(scope))) {
  process.stderr.write('the permission model is not in force: refusing to render untrusted templates');
  process.exit(3);
}
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const context = vm.createContext(Object.create(null), { codeGeneration: { strings: true, wasm: false }, microtaskMode: 'afterEvaluate' });
let result;
try {
  vm.runInContext(input.engine, context, { timeout: input.timeoutMs });
  context.job = input.job;
  result = vm.runInContext(${JSON.stringify(IN_CONTEXT)}, context, { timeout: input.timeoutMs });
} catch (error) {
  // A timeout lands here. (The in-context script turns what templates throw into text; anything
  // else from in there is still of the bare realm: reading it reaches nothing of Node.js.)
  process.stderr.write(String(error.message));
  process.exit(error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? ${TIMED_OUT} : 2);
}
if (typeof result === 'string' && result.startsWith('ok\\n')) {
  process.stdout.write(result.slice(3));
} else {
  process.stderr.write(typeof result === 'string' ? result.slice(6) : 'the render returned no text');
  process.exitCode = 2;
}
`;
