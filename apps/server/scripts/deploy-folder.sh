#!/bin/sh
# Makes the production folder of @mpchat/server: its built dist/, kb/, prompts/ and playground/
# with production dependencies only (workspace packages copied in, built). The Dockerfile and the
# production-folder test both run this script, so the test checks what the image runs.
#
# Usage: apps/server/scripts/deploy-folder.sh <target-folder>
# Build first (`pnpm exec turbo run build --filter=@mpchat/server...`).
#
# Deployed from the lockfile, offline: every version in the folder is the one pnpm-lock.yaml pins,
# from the local store (run `pnpm install --frozen-lockfile` or `pnpm fetch` first). pnpm 10 deploys
# from the lockfile only when workspace packages are injected (copied rather than linked); that is
# switched on for this command alone, so development keeps its linked workspace packages. (The
# classic `deploy --legacy` re-resolves every range against the registry instead: other versions
# than the ones tested, and no deploy at all without network.)
set -eu
[ $# -eq 1 ] || { echo "usage: $0 <target-folder>" >&2; exit 2; }
target=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
[ -f "$root/apps/server/dist/main.js" ] || { echo "deploy-folder: build first (apps/server/dist/main.js missing)" >&2; exit 1; }
rm -rf "$target"
cd "$root"
pnpm --config.inject-workspace-packages=true --filter @mpchat/server deploy --prod --offline "$target"
