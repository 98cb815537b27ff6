// Posts translator's Markdown plan on the merge request of this pipeline, one note per part
// (translator splits long plans where `<!-- translator: part break -->` stands).
// Usage in .gitlab-ci.yml: node ci/gitlab-mr-note.mjs plan.md
// Needs GITLAB_API_TOKEN: a project access token with the `api` scope, as a masked CI/CD
// variable (the job token cannot write notes). Uses only Node.js, which the image has.
import { readFileSync } from 'node:fs';

const { CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, GITLAB_API_TOKEN } = process.env;
const missing = Object.entries({ CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, GITLAB_API_TOKEN })
  .filter(([, value]) => !value)
  .map(([name]) => name);
if (missing.length > 0) {
  console.error(`gitlab-mr-note: not set: ${missing.join(', ')}`);
  process.exit(1);
}

const parts = readFileSync(process.argv[2] ?? 'plan.md', 'utf8')
  .split('<!-- translator: part break -->')
  .map((part) => part.trim())
  .filter(Boolean);
const url = `${CI_API_V4_URL}/projects/${encodeURIComponent(CI_PROJECT_ID)}/merge_requests/${CI_MERGE_REQUEST_IID}/notes`;
for (const body of parts) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'PRIVATE-TOKEN': GITLAB_API_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  if (!response.ok) {
    console.error(`gitlab-mr-note: ${response.status} ${response.statusText}: ${await response.text()}`);
    process.exit(1);
  }
}
console.log(`posted ${parts.length} note(s) on merge request !${CI_MERGE_REQUEST_IID}`);
