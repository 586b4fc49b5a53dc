#!/usr/bin/env bash
# Fetches the real-world corpus (29 Dockerfiles of public Go projects) that the corpus
# suites use, from the sources recorded in test/fixtures/corpus/MANIFEST.tsv, and verifies
# each file's sha256 against it.
#
#   scripts/fetch-corpus.sh [DIR]    DIR defaults to $HARDENED_GO_CORPUS, else ../shared/corpus/real-world
#
# Each file is stored as the tests expect it: the original bytes with one
# "# corpus-source: ..." line added below its parser directives. Needs curl and sha256sum,
# and network access to raw.githubusercontent.com (untested on the build machine, which has
# no network beyond the package registries).
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=test/fixtures/corpus/MANIFEST.tsv
dir="${1:-${HARDENED_GO_CORPUS:-../shared/corpus/real-world}}"
mkdir -p "$dir"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
failed=0
while IFS=$'\t' read -r file repo path commit sha256 directives; do
  [ "$file" = file ] && continue
  url="https://raw.githubusercontent.com/$repo/$commit/$path"
  if ! curl -fsSL --retry 2 -o "$tmp" "$url"; then
    echo "fetch-corpus: cannot download $url" >&2
    failed=1
    continue
  fi
  actual="$(sha256sum "$tmp" | cut -d' ' -f1)"
  if [ "$actual" != "$sha256" ]; then
    echo "fetch-corpus: $url has sha256 $actual, the manifest records $sha256" >&2
    failed=1
    continue
  fi
  header="# corpus-source: github.com/$repo path=$path commit=$commit sha256-of-original=${sha256:0:16} (strip this line to restore the original bytes)"
  { head -n "$directives" "$tmp"; echo "$header"; tail -n "+$((directives + 1))" "$tmp"; } > "$dir/$file"
done < "$manifest"
cp "$manifest" "$dir/MANIFEST.tsv"
if [ "$failed" -ne 0 ]; then
  echo "fetch-corpus: some files could not be fetched or verified; the corpus in $dir is incomplete" >&2
  exit 1
fi
echo "fetch-corpus: $(($(wc -l < "$manifest") - 1)) files in $dir, every sha256 verified"
