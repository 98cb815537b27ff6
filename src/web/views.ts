/**
 * The pages, rendered by nunjucks from templates/web/ (autoescaped: every value from Docker or Git
 * is untrusted text). Pure given a snapshot: the benchmark measures exactly these functions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type nunjucks from 'nunjucks';
import { nunjucks as loadNunjucks } from '../lazy.js';
import type { RouterStateWord } from '../documents/status.js';
import { deployTimeline, historyChart, poolChart, RESULT_STYLE } from './charts.js';
import { floatingIpRowsHtml } from './rows.js';
import { searchFloatingIps, type RejectionRow, type RouterDetail, type Snapshot } from './model.js';

const WEB_TEMPLATES = fileURLToPath(new URL('../../templates/web/', import.meta.url));

/** Glyph and words per state, so a state never rests on colour alone. */
const STATE_WORDS: Record<RouterStateWord, { glyph: string; words: string }> = {
  'in-sync': { glyph: '✓', words: 'in sync' },
  pending: { glyph: '…', words: 'pending deploy' },
  'not-deployed': { glyph: '○', words: 'not deployed' },
  drifted: { glyph: '≠', words: 'drifted' },
  'deploy-failed': { glyph: '✗', words: 'deploy failed' },
  unreachable: { glyph: '⚠', words: 'unreachable' },
};

const DRIFT_WORDS = { add: 'missing', change: 'differs', remove: 'extra' } as const;

/** A link to a commit on the forge, from a template such as `https://github.com/org/repo/commit/{sha}`. */
export type CommitUrl = (sha: string) => string | null;

export function commitUrlFrom(template: string | null | undefined): CommitUrl {
  if (!template) return () => null;
  return (sha) => (/^[0-9a-f]{7,64}$/.test(sha) ? template.replaceAll('{sha}', sha) : null);
}

/** A commit URL template must be http(s) and name the commit; checked where it is configured. */
export function checkCommitUrl(template: string): string | null {
  if (!/^https?:\/\/[^\s"'<>]+$/.test(template)) return 'the commit URL template must be an http:// or https:// URL without spaces or quotes';
  if (!template.includes('{sha}')) return 'the commit URL template must contain {sha}, e.g. https://github.com/org/gitops/commit/{sha}';
  return null;
}

function environment(): nunjucks.Environment {
  const { Environment, FileSystemLoader } = loadNunjucks();
  const env = new Environment(new FileSystemLoader(WEB_TEMPLATES, { noCache: false }), { autoescape: true, throwOnUndefined: false });
  env.addFilter('short', (sha: string | null | undefined) => (sha ? sha.slice(0, 12) : ''));
  env.addFilter('when', (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''));
  env.addFilter('seconds', (ms: number) => `${(ms / 1000).toFixed(1)} s`);
  env.addFilter('stateGlyph', (word: RouterStateWord) => STATE_WORDS[word]?.glyph ?? '');
  env.addFilter('stateWords', (word: RouterStateWord) => STATE_WORDS[word]?.words ?? word);
  env.addFilter('resultGlyph', (word: keyof typeof RESULT_STYLE) => RESULT_STYLE[word]?.glyph ?? '');
  env.addFilter('driftWords', (action: keyof typeof DRIFT_WORDS) => DRIFT_WORDS[action] ?? action);
  return env;
}

export interface PageContext {
  commitUrl: CommitUrl;
  /** Whether the routers are being checked for drift. */
  drift: boolean;
}

export class Views {
  private readonly env = environment();

  private render(name: string, snapshot: Snapshot | null, context: PageContext, values: Record<string, unknown>): string {
    return this.env.render(name, {
      version: snapshot?.version ?? '',
      generatedAt: snapshot?.status.generatedAt ?? new Date().toISOString(),
      drift: context.drift,
      commitUrl: context.commitUrl,
      fipRows: floatingIpRowsHtml,
      ...values,
    });
  }

  overview(snapshot: Snapshot, context: PageContext): string {
    return this.render('overview.njk', snapshot, context, {
      title: 'Routers',
      page: 'overview',
      routers: snapshot.status.routers,
      deployRef: snapshot.status.deployRef,
      rejectedCount: snapshot.rejections.length,
      pools: snapshot.pools,
      poolSvg: poolChart(snapshot.pools),
    });
  }

  router(snapshot: Snapshot, detail: RouterDetail, context: PageContext): string {
    return this.render('router.njk', snapshot, context, {
      title: `Router ${detail.router}`,
      page: 'router',
      r: detail,
      s: detail.status,
      timelineSvg: deployTimeline(detail.deploys),
      historySvg: historyChart(detail.history),
    });
  }

  search(snapshot: Snapshot, query: string, context: PageContext): string {
    const rows = [...snapshot.routers.values()].flatMap((d) => d.floatingIps);
    return this.render('search.njk', snapshot, context, { title: query ? `Search: ${query}` : 'Search', page: 'search', query, matches: searchFloatingIps(rows, query) });
  }

  rejections(snapshot: Snapshot, context: PageContext): string {
    const groups = new Map<string | null, RejectionRow[]>();
    for (const r of snapshot.rejections) groups.set(r.router, [...(groups.get(r.router) ?? []), r]);
    return this.render('rejections.njk', snapshot, context, { title: 'Rejections', page: 'rejections', groups: [...groups].map(([router, rows]) => ({ router, rows })) });
  }

  login(next: string, failed: boolean, context: PageContext): string {
    return this.render('login.njk', null, context, { title: 'Sign in', page: 'login', next, failed });
  }

  error(status: number, heading: string, message: string, context: PageContext): string {
    return this.render('error.njk', null, context, { title: heading, page: 'error', status, heading, message });
  }
}

/** The static files, read once: name → content type and bytes. Only these names are served. */
export function staticFiles(): Map<string, { type: string; body: Buffer }> {
  const file = (name: string) => readFileSync(`${WEB_TEMPLATES}static/${name}`);
  return new Map([
    ['app.css', { type: 'text/css; charset=utf-8', body: file('app.css') }],
    ['live.js', { type: 'text/javascript; charset=utf-8', body: file('live.js') }],
  ]);
}
