#!/usr/bin/env bash
# Builds RedisNet in Release (incrementally) and runs it with redis-server's arguments:
#   bash scripts/run.sh [/path/redis.conf] [--directive value ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Scripting (EVAL, FUNCTION) needs Debian's Lua 5.1; without it the server runs and EVAL answers an error.
if ! ldconfig -p 2>/dev/null | grep -q 'liblua5\.1\.so\.0'; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y liblua5.1-0 >&2 \
        || echo "warning: liblua5.1-0 could not be installed: scripting commands will answer an error" >&2
fi
dotnet build src/RedisNet/RedisNet.csproj -c Release --nologo -v quiet >&2
dll="$(ls src/RedisNet/bin/Release/net*/redis-server.dll | head -n 1)"
exec dotnet "$dll" "$@"
