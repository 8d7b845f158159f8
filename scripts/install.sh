#!/usr/bin/env bash
# Installs RedisNet under PREFIX: PREFIX/lib/redisnet holds the self-contained, ready-to-run
# publish output; PREFIX/bin/redis-server links to its executable and PREFIX/bin/redis-sentinel
# links to the same file (started under that name, it runs in sentinel mode, as Redis does).
# Usage: scripts/install.sh PREFIX
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
fi
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)

# Scripting (EVAL, FUNCTION) needs Debian's Lua 5.1; without it the server runs and EVAL answers an error.
if ! ldconfig -p 2>/dev/null | grep -q 'liblua5\.1\.so\.0'; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y liblua5.1-0 >&2 \
        || echo "warning: liblua5.1-0 could not be installed: scripting commands will answer an error" >&2
fi
# Build in a scratch artifacts folder: the tree's obj/ (a development build's restore) stays untouched.
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
dotnet publish "$root/src/RedisNet" -c Release -r linux-x64 --self-contained \
    -p:PublishReadyToRun=true --artifacts-path "$artifacts" -o "$prefix/lib/redisnet" --nologo -v quiet

mkdir -p "$prefix/bin"
ln -sfn "$prefix/lib/redisnet/redis-server" "$prefix/bin/redis-server"
ln -sfn "$prefix/lib/redisnet/redis-server" "$prefix/bin/redis-sentinel"
echo "installed $("$prefix/bin/redis-server" -v)"
echo "  $prefix/bin/redis-server"
echo "  $prefix/bin/redis-sentinel"
