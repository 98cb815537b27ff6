# translator: a small runtime image with the compiled CLI, its production dependencies, the
# packaged templates, git (simple-git drives the git binary) and tini as PID 1. It runs as the
# unprivileged user translator (uid 10001).
#
#   docker build -t translator .
#   docker run -d --name=translator --net=host \
#     -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
#     -v /srv/gitops:/repo \
#     -e IOS_MGMT_IP=192.0.2.1 -e IOS_USER=admin -e IOS_PASS_FILE=/run/secrets/ios_pass \
#     -e IOS_ENABLE_PASS_FILE=/run/secrets/ios_enable \
#     -e OUTSIDE_INTERFACE=GigabitEthernet1 -e INSIDE_INTERFACE=GigabitEthernet2 \
#     translator watch
#
# The default command is `watch`: follow Docker events, render, commit into the repository
# mounted at /repo (writable by uid 10001: chown -R 10001:10001 /srv/gitops) and deploy per
# policy. Or, without a mount, TRANSLATOR_REPO_URL: the repository is cloned from that remote at
# start (docker/entrypoint.sh). Any other command can follow the image name, e.g. `render --stdout`.
# Metrics and health: http://127.0.0.1:9180/{metrics,healthz,readyz} (--http-host/--http-port);
# the HEALTHCHECK asks /healthz there (TRANSLATOR_HEALTH_URL to change).
# The Docker socket: the user is not in its group; --group-add gives the socket's group id.
#
# Build arguments:
#   BASE_IMAGE            a Node.js (>= 20) image; default the Active LTS line's (Node.js 26 since
#                         2026-10-28) slim Debian image. Pin it by digest for reproducible builds:
#                         --build-arg BASE_IMAGE=node:26-trixie-slim@sha256:<digest>
#                         (docker buildx imagetools inspect node:26-trixie-slim shows the digest).
#                         Anything with node, npm and a POSIX sh works: git, tini and ssh are
#                         installed with apt-get when missing.
#   NPM_CONFIG_REGISTRY   the npm registry `npm ci` installs from: a mirror (Verdaccio,
#                         Artifactory, ...) where the public registry is not reachable.
#   VERSION, REVISION, CREATED, SOURCE   OCI labels: the release, the commit, the build time
#                         (RFC 3339) and where the source is.
# The project's test builds this very file with both: a base image made from the host's
# Debian packages and a mirror served from the host's npm cache (test/integration/image.test.ts).
ARG BASE_IMAGE=node:26-trixie-slim

FROM ${BASE_IMAGE} AS build
ARG NPM_CONFIG_REGISTRY=https://registry.npmjs.org/
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev --no-audit --no-fund

FROM ${BASE_IMAGE}
ARG BASE_IMAGE
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="translator" \
      org.opencontainers.image.description="GitOps for the NAT/VRF edge of Docker hosts: macvlan networks and labelled containers rendered into Cisco IOS XE NAT/VRF config, committed to Git, deployed safely over SSH." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
RUN if ! command -v git >/dev/null || ! command -v tini >/dev/null || ! command -v ssh >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends git tini openssh-client ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi
# The unprivileged user (numeric, so orchestrators can check runAsNonRoot), its home and /repo.
RUN echo 'translator:x:10001:10001:translator:/home/translator:/bin/sh' >> /etc/passwd \
    && echo 'translator:x:10001:' >> /etc/group \
    && mkdir -p /home/translator /repo && chown 10001:10001 /home/translator /repo
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY templates ./templates
COPY docker/entrypoint.sh ./docker/entrypoint.sh
RUN chmod 0755 dist/cli/main.js docker/entrypoint.sh && ln -s /app/dist/cli/main.js /usr/local/bin/translator
USER 10001:10001
# The GitOps repository: mount it here, or clone it here at start (TRANSLATOR_REPO_URL).
WORKDIR /repo
# `watch` answers /healthz while it runs; other commands end before the first check counts.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.TRANSLATOR_HEALTH_URL||'http://127.0.0.1:9180/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "/app/docker/entrypoint.sh"]
CMD ["watch"]
