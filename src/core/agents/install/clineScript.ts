// Cline runs one executable per event (.clinerules/hooks/PostToolUse), so aiprov's script chains
// to a script that was there before (moved aside, as for git hooks) and passes on its answer.
// Tools that write no files never start aiprov: Cline has no matcher, so the script filters.

export const MANAGED_MARKER = '# aiprov-managed-hook';
export const CHAINED_SUFFIX = '.aiprov-chained';

const TOOLS: Record<string, string> = {
  PostToolUse: '*\'"write_to_file"\'*|*\'"replace_in_file"\'*|*\'"apply_patch"\'*',
  PreToolUse: '*\'"write_to_file"\'*',
};

export function clineScript(event: string, command: string): string {
  return `#!/usr/bin/env sh
${MANAGED_MARKER}
# Records the files Cline writes (aiprov hook cline); then runs the hook that was here before, if any.
input=$(cat)
case "$input" in
  ${TOOLS[event]}) printf '%s' "$input" | ${command} hook cline >/dev/null ;;
esac
chained="$(dirname "$0")/${event}${CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
  printf '%s' "$input" | "$chained"
else
  echo '{"cancel":false}'
fi
`;
}
