#!/usr/bin/env node
// The `caresim` command: TypeScript runs directly through tsx (no build step to forget).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
