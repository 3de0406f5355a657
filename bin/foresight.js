#!/usr/bin/env node
// The `foresight` command: a thin launcher for the compiled CLI.
import '../dist/src/cli/index.js';
