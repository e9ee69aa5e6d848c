#!/usr/bin/env node
// The `lupp` command. Lupp's server runs its TypeScript sources directly through tsx,
// so there is no separate server build to keep in step with the code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
