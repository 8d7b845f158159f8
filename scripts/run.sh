#!/usr/bin/env bash
# Builds RedisNet in Release (incrementally) and runs it with redis-server's arguments:
#   bash scripts/run.sh [/path/redis.conf] [--directive value ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/RedisNet/RedisNet.csproj -c Release --nologo -v quiet >&2
dll="$(ls src/RedisNet/bin/Release/net*/redis-server.dll | head -n 1)"
exec dotnet "$dll" "$@"
