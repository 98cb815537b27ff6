# translator: a small runtime image with the compiled CLI, its production dependencies,
# the packaged templates and git (simple-git drives the git binary).
#
#   docker build -t translator .
#   docker run -d --name=translator --net=host \
#     -v /var/run/docker.sock:/var/run/docker.sock -v /srv/gitops:/repo \
#     -e IOS_MGMT_IP=192.0.2.1 -e IOS_USER=admin -e IOS_PASS_FILE=/run/secrets/ios_pass \
#     -e IOS_ENABLE_PASS_FILE=/run/secrets/ios_enable \
#     -e OUTSIDE_INTERFACE=GigabitEthernet1 -e INSIDE_INTERFACE=GigabitEthernet2 \
#     translator watch
#
# The default command is `watch`: follow Docker events, render, commit into the repository
# mounted at /repo and deploy per policy (watch.deploy.policy in /repo/translator.yaml).
# Any other command can be given after the image name, e.g. `translator render --stdout`.
# Metrics and health: http://127.0.0.1:9180/{metrics,healthz,readyz} on the host's network
# (--http-host/--http-port to change).
#
# Build arguments:
#   BASE_IMAGE            a Node.js (>= 20) image; default the official LTS image. Anything
#                         with node, npm and a POSIX sh works (git is installed when missing).
#   NPM_CONFIG_REGISTRY   the npm registry `npm ci` installs from: a mirror (Verdaccio,
#                         Artifactory, ...) where the public registry is not reachable.
# The project's test builds this very file with both: a base image made from the host's
# Debian packages and a mirror served from the host's npm cache (test/integration/image.test.ts).
ARG BASE_IMAGE=node:20-bookworm-slim

FROM ${BASE_IMAGE} AS build
ARG NPM_CONFIG_REGISTRY=https://registry.npmjs.org/
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev --no-audit --no-fund

FROM ${BASE_IMAGE}
RUN if ! command -v git >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends git ca-certificates openssh-client \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY templates ./templates
RUN chmod +x dist/cli/main.js && ln -s /app/dist/cli/main.js /usr/local/bin/translator
# The GitOps repository: mount it here (or use --repo).
WORKDIR /repo
ENTRYPOINT ["translator"]
CMD ["watch"]
