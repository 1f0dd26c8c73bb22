/**
 * Environment variables as child processes get them: the later sets over the earlier ones, and
 * only the variables that have a value (a process environment types its values as possibly absent).
 */
export function environmentOf(...sets: ReadonlyArray<Readonly<Record<string, string | undefined>>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const set of sets) for (const [key, value] of Object.entries(set)) if (value !== undefined) env[key] = value;
  return env;
}
