#!/bin/sh
# translator's container entrypoint (run by tini, PID 1): `translator` with the arguments given.
# With TRANSLATOR_REPO_URL set, the GitOps repository is first cloned from that remote into the
# working directory (/repo) unless a repository is already there: a Swarm service or any
# container without a volume then starts from the remote, and its commits and deploy records go
# back there (git.remote: origin in translator.yaml). TRANSLATOR_REPO_BRANCH picks the branch.
# Credentials of the remote are git's: for ssh://, a deploy key from a Docker secret through
# GIT_SSH_COMMAND; a URL with a credential in it is refused (git would store it in .git/config).
set -eu
if [ -n "${TRANSLATOR_REPO_URL:-}" ] && [ ! -e .git ]; then
  # user:password@ in any URL, or any user@ in an http(s) one (a token as user name), is a credential.
  if printf '%s' "$TRANSLATOR_REPO_URL" | grep -Eq '^[A-Za-z][A-Za-z0-9+.-]*://[^/@]*:[^/@]*@|^[Hh][Tt][Tt][Pp][Ss]?://[^/@]+@'; then
    echo "translator: TRANSLATOR_REPO_URL has a credential in it, which git would store in .git/config: give git its credentials another way (GIT_SSH_COMMAND with a deploy key)" >&2
    exit 64
  fi
  if [ -n "$(ls -A .)" ]; then
    echo "translator: $(pwd) is not empty and not a Git repository: cannot clone TRANSLATOR_REPO_URL into it" >&2
    exit 1
  fi
  git clone --quiet ${TRANSLATOR_REPO_BRANCH:+--branch "$TRANSLATOR_REPO_BRANCH"} -- "$TRANSLATOR_REPO_URL" .
fi
exec translator "$@"
