/**
 * The request headers of the two forges' REST APIs, for every caller (review requests,
 * deployment notifications). GitHub: https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api
 * (Bearer token, the versioned media type and API version header, a User-Agent is required);
 * GitLab: https://docs.gitlab.com/api/rest/authentication/ (PRIVATE-TOKEN header).
 */
import type { Secret } from '../settings/secret.js';

export function githubHeaders(token: Secret): Record<string, string> {
  return {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'translator',
    'content-type': 'application/json',
    authorization: `Bearer ${token.reveal()}`,
  };
}

export function gitlabHeaders(token: Secret): Record<string, string> {
  return { 'content-type': 'application/json', 'user-agent': 'translator', 'private-token': token.reveal() };
}
