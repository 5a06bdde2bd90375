// aiprov plugin for OpenCode (https://opencode.ai/docs/plugins/): forwards the tool calls that write
// files to `aiprov hook opencode`, which records exactly the text the agent wrote as AI, with the
// session and model. `aiprov hooks install --agent opencode` copies this file to
// .opencode/plugins/aiprov.js with AIPROV_COMMAND set to how that project runs aiprov.
import { spawn } from 'node:child_process';

const AIPROV_COMMAND = 'npx --no-install aiprov';

const FILE_TOOLS = new Set(['edit', 'multiedit', 'write', 'patch', 'apply_patch']);
// A whole-file write carries no edit to locate, so the file is snapshotted before it runs.
const SNAPSHOT_TOOLS = new Set(['write']);

/** Sends one payload to the CLI on stdin; never throws, so the agent is never held up by aiprov. */
function send(payload, cwd) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(`${AIPROV_COMMAND} hook opencode`, { cwd, shell: true, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      console.error(`aiprov: ${err.message}`);
      resolve();
      return;
    }
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (err) => {
      console.error(`aiprov: ${err.message}`);
      resolve();
    });
    child.on('close', () => {
      if (stderr.trim()) console.error(stderr.trim());
      resolve();
    });
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(payload));
  });
}

export const AiprovPlugin = async ({ directory }) => {
  const argsByCall = new Map();
  const modelBySession = new Map();
  // The model of each session, from whichever chat hook this OpenCode release passes it to.
  const noteModel = async (input) => {
    const model = input?.model?.modelID ?? input?.model?.id;
    if (input?.sessionID && typeof model === 'string') modelBySession.set(input.sessionID, model);
  };
  return {
    'chat.message': noteModel,
    'chat.params': noteModel,
    'tool.execute.before': async (input, output) => {
      if (!FILE_TOOLS.has(input.tool)) return;
      argsByCall.set(input.callID, output?.args);
      if (SNAPSHOT_TOOLS.has(input.tool)) {
        await send(
          {
            hook_event_name: 'tool.execute.before',
            tool: input.tool,
            sessionID: input.sessionID,
            callID: input.callID,
            args: output?.args,
            directory,
          },
          directory,
        );
      }
    },
    'tool.execute.after': async (input) => {
      if (!FILE_TOOLS.has(input.tool)) return;
      const args = input.args ?? argsByCall.get(input.callID);
      argsByCall.delete(input.callID);
      if (!args) return;
      const model = modelBySession.get(input.sessionID);
      await send(
        {
          hook_event_name: 'tool.execute.after',
          tool: input.tool,
          sessionID: input.sessionID,
          callID: input.callID,
          args,
          directory,
          ...(model && { model }),
        },
        directory,
      );
    },
  };
};
