// The OpenCode plugin is a plain file shipped with aiprov (src/agents-plugins/opencode/aiprov.js);
// installing it sets the command it runs aiprov with.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const RELATIVE = path.join('src', 'agents-plugins', 'opencode', 'aiprov.js');

/** The plugin's first words, by which uninstall knows the file is aiprov's. */
export const PLUGIN_MARKER = '// aiprov plugin for OpenCode';

/** The plugin's source: found by walking up from this module (src/core/agents/install when run from source, dist/ when bundled). */
async function pluginSource(): Promise<string> {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      return await fs.readFile(path.join(dir, RELATIVE), 'utf8');
    } catch {
      // keep walking up
    }
  }
  throw new Error(`the OpenCode plugin (${RELATIVE}) is missing from this aiprov installation`);
}

export async function opencodePlugin(command: string): Promise<string> {
  const source = await pluginSource();
  const line = /^const AIPROV_COMMAND = .*;$/m;
  if (!line.test(source)) throw new Error(`${RELATIVE} has no AIPROV_COMMAND line`);
  return source.replace(line, () => `const AIPROV_COMMAND = ${JSON.stringify(command)};`);
}
