/** Output filters after `|` (IOSXE.md: include, exclude, begin, section). */
export type FilterKind = 'include' | 'exclude' | 'begin' | 'section';

export function applyFilter(output: string, kind: FilterKind, pattern: string): string {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    regex = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const lines = output.endsWith('\n') ? output.slice(0, -1).split('\n') : output.split('\n');
  let kept: string[];
  switch (kind) {
    case 'include':
      kept = lines.filter((l) => regex.test(l));
      break;
    case 'exclude':
      kept = lines.filter((l) => !regex.test(l));
      break;
    case 'begin': {
      const start = lines.findIndex((l) => regex.test(l));
      kept = start < 0 ? [] : lines.slice(start);
      break;
    }
    case 'section': {
      // Top-level lines that match, with their indented children; children alone never match.
      kept = [];
      let inSection = false;
      for (const l of lines) {
        if (!l.startsWith(' ')) inSection = regex.test(l) && l !== '!';
        if (inSection) kept.push(l);
      }
      break;
    }
  }
  return kept.map((l) => `${l}\n`).join('');
}
