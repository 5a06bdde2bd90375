// `--agent all` installs for the agents this project or this user already uses: those whose
// configuration or instructions are found in the repository or the home directory.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AGENT_IDS, type AgentId } from '../registry';

const MARKERS: Record<AgentId, { project: string[]; home: string[] }> = {
  'claude-code': { project: ['.claude', 'CLAUDE.md'], home: ['.claude'] },
  codex: { project: ['.codex'], home: ['.codex'] },
  gemini: { project: ['.gemini', 'GEMINI.md'], home: ['.gemini'] },
  cursor: { project: ['.cursor', '.cursorrules'], home: ['.cursor'] },
  copilot: { project: ['.github/hooks', '.github/copilot-instructions.md'], home: ['.copilot'] },
  cline: { project: ['.clinerules'], home: ['Documents/Cline'] },
  windsurf: { project: ['.windsurf', '.windsurfrules'], home: ['.codeium/windsurf'] },
  opencode: { project: ['.opencode', 'opencode.json'], home: ['.config/opencode'] },
};

export async function detectAgents(repoRoot: string, home: string | undefined): Promise<AgentId[]> {
  const found: AgentId[] = [];
  for (const agent of AGENT_IDS) {
    const { project, home: inHome } = MARKERS[agent];
    const candidates = [...project.map((p) => path.join(repoRoot, p)), ...(home ? inHome.map((p) => path.join(home, p)) : [])];
    for (const candidate of candidates) {
      if (
        await fs.access(candidate).then(
          () => true,
          () => false,
        )
      ) {
        found.push(agent);
        break;
      }
    }
  }
  return found;
}
