// Shared shape of command-line entry points: clear message and exit code 1 on failure.
import { ConfigError } from "../lib/env";

export async function runScript(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}`);
    process.exit(1);
  }
}

/** Parses --flag value pairs and bare --switches. */
export function parseFlags(argv: string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags[key] = inline;
    else if (next !== undefined && !next.startsWith("--")) flags[key] = argv[++i]!;
    else flags[key] = true;
  }
  return flags;
}

/** A whole-number flag from 1 to `max`, `fallback` when absent; anything else stops with a message naming it. */
export function intFlag(flags: Record<string, string | true>, name: string, fallback: number, max: number): number {
  const value = flags[name] === undefined ? fallback : Number(flags[name]);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return value;
}
