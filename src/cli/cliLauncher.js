#!/usr/bin/env node
// `aiprov`, as installed (dist/cli.js). Agents run `aiprov hook` once per file edit and wait for
// it: that command loads a bundle of only what it needs; every other command loads the full CLI.
'use strict';
require(process.argv[2] === 'hook' ? './cli-hook.js' : './cli-main.js');
