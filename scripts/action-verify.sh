#!/usr/bin/env bash
# The verify step of the GitHub Action (action.yml), with `aiprov` on PATH: checks the pull
# request against its base (a push against the default branch, or the commit before it), writes SARIF for code scanning, prints workflow annotations on the
# lines concerned and a job summary. It passes verify's exit code on as the step output
# `exit-code` and exits 0 itself, so the SARIF upload still runs before the job fails.
set -uo pipefail

base="${AIPROV_BASE:-}"
# Pull requests: the target branch.
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then base="origin/${GITHUB_BASE_REF}"; fi
# Pushes: a branch is compared with the default branch, a push to the default branch with the
# commit it had before. (The checked-out branch's upstream is the pushed commit itself, so verify's
# own default would compare HEAD with HEAD and check nothing.)
if [ -z "$base" ] && [ "${GITHUB_EVENT_NAME:-}" = push ]; then
  default="${AIPROV_DEFAULT_BRANCH:-}"
  before="${AIPROV_PUSH_BEFORE:-}"
  if [ -n "$default" ] && [ "${GITHUB_REF_NAME:-}" != "$default" ]; then
    base="origin/${default}"
  elif [[ "$before" =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ && ! "$before" =~ ^0+$ ]] && git cat-file -e "${before}^{commit}" 2>/dev/null; then
    base="$before"
  else
    echo "::warning title=aiprov verify::no earlier commit of this push to compare with; set the action's base input"
  fi
fi
sarif="${AIPROV_SARIF_FILE:-aiprov.sarif}"
args=(verify)
if [ -n "$base" ]; then args+=(--base "$base"); fi

aiprov "${args[@]}" --format sarif >"$sarif"
code=$?
output="${GITHUB_OUTPUT:-/dev/null}"
if [ "$code" -le 1 ]; then
  aiprov "${args[@]}" --format github
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    { echo '### AI provenance'; echo; echo '```'; aiprov "${args[@]}" --format text; echo '```'; } >>"$GITHUB_STEP_SUMMARY"
  fi
  echo "sarif-file=$sarif" >>"$output"
else
  # Usage or I/O error: aiprov has said why on stderr; there is no report to upload.
  rm -f "$sarif"
  echo "::error title=aiprov verify::aiprov verify could not run (exit $code); see the log above"
fi
echo "exit-code=$code" >>"$output"
exit 0
