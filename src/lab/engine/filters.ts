/** Output filters after `|` (IOSXE.md: include, exclude, begin, section). Behaviour rows outputFilters, sectionFilter. */
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
      // Any line that matches, with the lines indented under it; a matching child line is
      // printed on its own (without its parent), as ISR transcripts of `| section ip nat` show.
      kept = [];
      let depth = -1; // indentation of the section being printed, -1 when none
      for (const l of lines) {
        const indent = l.length - l.trimStart().length;
        if (depth >= 0 && indent > depth) {
          kept.push(l);
          continue;
        }
        depth = l.trim() !== '!' && regex.test(l) ? indent : -1;
        if (depth >= 0) kept.push(l);
      }
      break;
    }
  }
  return kept.map((l) => `${l}\n`).join('');
}
