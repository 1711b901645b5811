#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx asuh …` needs no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../db/cli.ts');
