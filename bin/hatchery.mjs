#!/usr/bin/env node
// `npx hatchery …`: the operator CLI (src/cli). TypeScript runs through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
