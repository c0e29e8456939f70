#!/usr/bin/env bash
# Review the drafts a branch changes: compare each with its version at BASE (or, for a new draft,
# with the previous version in its versions.toml), write the HTML reports into OUT, append the
# summary to $GITHUB_STEP_SUMMARY when set, annotate flags under GitHub Actions, apply the policy.
#
#   scripts/review-drafts.sh [BASE] [OUT]
#
# BASE defaults to origin/$GITHUB_BASE_REF in a pull request, else main; OUT to review/.
# MLA_DIFF names the command to run (default: mla-diff). Exit code: 0 when every changed draft
# passes the policy (or none changed), 1 when one fails, 2 on error.
set -euo pipefail

base="${1:-}"
if [ -z "$base" ]; then
    if [ -n "${GITHUB_BASE_REF:-}" ]; then base="origin/$GITHUB_BASE_REF"; else base="main"; fi
fi
out="${2:-review}"
read -r -a mla_diff <<< "${MLA_DIFF:-mla-diff}"

# Compare with the point where the branch left BASE, so that later commits on BASE are not
# counted as changes of the branch.
if ! fork="$(git merge-base "$base" HEAD)"; then
    echo "Error: $base: no common commit with HEAD (fetch it, e.g. git fetch origin $base)" >&2
    exit 2
fi

changed=()
while IFS= read -r -d '' path; do
    changed+=("$path")
done < <(git diff -z --name-only --diff-filter=AMR -M "$fork" -- ':(glob)drafts/**/*.txt')

if [ "${#changed[@]}" -eq 0 ]; then
    echo "No draft changed since $base."
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        echo "No draft changed since \`$base\`." >> "$GITHUB_STEP_SUMMARY"
    fi
    exit 0
fi

mkdir -p "$out"
github=()
if [ "${GITHUB_ACTIONS:-}" = "true" ]; then github=(--github); fi
echo "Reviewing ${#changed[@]} changed draft(s) against $base ($fork)."
exec "${mla_diff[@]}" check --base "$fork" --report-dir "$out" "${github[@]}" "${changed[@]}"
