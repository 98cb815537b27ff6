/** ConfigTree → text. One space per level unless the parsed line had its own indentation. */
import type { ConfigNode, ConfigTree } from './types.js';

export interface PrintOptions {
  /**
   * Print as the device does: `!` after each top-level block (and before a block that follows
   * single lines) and a final `end`. Default: configuration lines only.
   */
  device?: boolean;
}

export function printConfig(tree: ConfigTree | { children: readonly ConfigNode[] }, options: PrintOptions = {}): string {
  const out: string[] = [];
  let previousWasBlock = false;
  for (const node of tree.children) {
    const block = isBlock(node);
    if (options.device && block && !previousWasBlock && out.length > 0) out.push('!');
    printNode(node, 0, out);
    if (options.device && block) out.push('!');
    previousWasBlock = block;
  }
  if (options.device) out.push('end');
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/** The lines of one node and everything under it, as printed at `depth`. */
export function printNode(node: ConfigNode, depth: number, out: string[]): void {
  out.push((node.indent ?? ' '.repeat(depth)) + node.text);
  if (node.body) for (const line of node.body) out.push(line);
  for (const child of node.children) printNode(child, depth + 1, out);
  if (node.closer) out.push((node.closer.indent ?? ' '.repeat(depth)) + node.closer.text);
}

function isBlock(node: ConfigNode): boolean {
  return node.children.length > 0 || node.body !== undefined || node.closer !== undefined;
}
