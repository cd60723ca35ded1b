#!/bin/sh
# Makes the production folder of @mpchat/server: its built dist/, kb/, prompts/ and playground/
# with production dependencies only (workspace packages copied in, built). The Dockerfile and the
# production-folder test both run this script, so the test checks what the image runs.
#
# Usage: apps/server/scripts/deploy-folder.sh <target-folder>
# Build first (`pnpm exec turbo run build --filter=@mpchat/server...`).
#
# pnpm 10 deploys only from workspaces with inject-workspace-packages=true; injecting would make
# every workspace package a copy during development too, so this uses the classic (--legacy) deploy.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 <target-folder>" >&2; exit 2; }
target=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
[ -f "$root/apps/server/dist/main.js" ] || { echo "deploy-folder: build first (apps/server/dist/main.js missing)" >&2; exit 1; }
rm -rf "$target"
cd "$root"
pnpm --filter @mpchat/server deploy --prod --legacy "$target"
