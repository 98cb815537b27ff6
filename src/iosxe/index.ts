/** The IOS XE config engine: parse, scope and plan, pure code with no I/O. */
export { parseConfig, printConfig } from './parse.js';
export type { ConfigNode, ConfigTree, PrintOptions } from './parse.js';
export { normaliseTree } from './normalise.js';
export { scopeConfig } from './scope.js';
export type { ScopedConfig, ScopedSection } from './scope.js';
export { plan, planScoped, PlanRefused } from './plan.js';
export type { Plan, PlanLabels, PlanSummary, ObjectChange, ExpectedQuestion, SkippedLine } from './plan.js';
export type { RouterFacts } from './facts-types.js';
export { cliCommands, cliLines } from './commands.js';
export type { CliLine, Command } from './commands.js';
export { canonicalTree } from './canonical.js';
export type { ScopeOptions } from './options.js';
export { formatText } from './format/text.js';
export { formatDiff } from './format/diff.js';
export { planJson } from './format/json.js';
export { formatMarkdown } from './format/markdown.js';
export { claimsOf, describeClaim } from './claims.js';
export type { Claim, ClaimKind } from './claims.js';
