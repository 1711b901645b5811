import { afterEach, vi } from 'vitest';

// An unexpected console.error is a bug the test would otherwise hide.
const logged: unknown[][] = [];
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  logged.push(args);
});

afterEach(() => {
  const errors = logged.splice(0);
  if (errors.length)
    throw new Error(`console.error was called:\n${errors.map((a) => a.map(String).join(' ')).join('\n')}`);
});
