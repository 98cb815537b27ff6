// Posts translator's Markdown plan on the merge request of this pipeline as one note per part
// (translator splits long plans where `<!-- translator: part break -->` stands), and on every
// later push edits those same notes in place: part N is the note of this token's user that starts
// with its marker; notes of parts a shorter plan no longer has are deleted.
// Usage in .gitlab-ci.yml: node ci/gitlab-mr-note.mjs plan.md
// Needs GITLAB_NOTE_TOKEN: a project access token with role Reporter and scope `api`, as a masked
// CI/CD variable (the job token cannot write notes). It is not protected, since merge request
// pipelines must see it, so it can do nothing beyond commenting. Uses only Node.js, which the image has.
import { readFileSync } from 'node:fs';

const { CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, GITLAB_NOTE_TOKEN } = process.env;
const missing = Object.entries({ CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, GITLAB_NOTE_TOKEN })
  .filter(([, value]) => !value)
  .map(([name]) => name);
if (missing.length > 0) {
  console.error(`gitlab-mr-note: not set: ${missing.join(', ')}`);
  process.exit(1);
}

const marker = (i) => `<!-- translator-plan part ${i + 1} -->`;
const parts = readFileSync(process.argv[2] ?? 'plan.md', 'utf8')
  .split('<!-- translator: part break -->')
  .map((part) => part.trim())
  .filter(Boolean);
const notesUrl = `${CI_API_V4_URL}/projects/${encodeURIComponent(CI_PROJECT_ID)}/merge_requests/${CI_MERGE_REQUEST_IID}/notes`;

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { 'PRIVATE-TOKEN': GITLAB_NOTE_TOKEN, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    console.error(`gitlab-mr-note: ${method} ${new URL(url).pathname}: ${response.status} ${response.statusText}: ${await response.text()}`);
    process.exit(1);
  }
  return response;
}

/** Every note of the merge request, page by page (GitLab's x-next-page header). */
async function allNotes() {
  const notes = [];
  for (let page = '1'; page; ) {
    const response = await api('GET', `${notesUrl}?per_page=100&page=${page}`);
    notes.push(...(await response.json()));
    page = response.headers.get('x-next-page') ?? '';
  }
  return notes;
}

const me = await (await api('GET', `${CI_API_V4_URL}/user`)).json();
const ours = (await allNotes()).filter((note) => note.author?.id === me.id && note.body?.startsWith('<!-- translator-plan part '));
let [edited, created] = [0, 0];
for (const [i, part] of parts.entries()) {
  const body = `${marker(i)}\n${part}`;
  const existing = ours.find((note) => note.body.startsWith(marker(i)));
  if (existing) await api('PUT', `${notesUrl}/${existing.id}`, { body }).then(() => edited++);
  else await api('POST', notesUrl, { body }).then(() => created++);
}
const stale = ours.filter((note) => !parts.some((_, i) => note.body.startsWith(marker(i))));
for (const note of stale) await api('DELETE', `${notesUrl}/${note.id}`);
console.log(`merge request !${CI_MERGE_REQUEST_IID}: ${edited} plan note(s) updated, ${created} posted, ${stale.length} removed`);
