#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: one codebase, no separate server build.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
