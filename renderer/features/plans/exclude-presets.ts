/**
 * Ready-made groups of exclude patterns (gitignore syntax, relative to each source) for files
 * that are worthless in a backup: they are rebuilt, regenerated or only ever half-written.
 */
export const excludePresets = {
  caches: ['node_modules/', '.cache/', '__pycache__/', '.pytest_cache/', '.gradle/', '.parcel-cache/', '.next/cache/'],
  temporary: ['*.tmp', '*.temp', '*.swp', '*.part', '*.crdownload', '~$*', '.~lock.*#'],
  system: ['.DS_Store', 'Thumbs.db', 'desktop.ini', '.Spotlight-V100/', '.Trashes/', '.fseventsd/', '$RECYCLE.BIN/'],
} as const;

export type ExcludePresetId = keyof typeof excludePresets;
export const excludePresetIds = Object.keys(excludePresets) as ExcludePresetId[];

export function isPresetOn(excludes: readonly string[], id: ExcludePresetId): boolean {
  return excludePresets[id].every((pattern) => excludes.includes(pattern));
}

/** Turns a preset on (its patterns first, once each) or off (its patterns removed). */
export function togglePreset(excludes: readonly string[], id: ExcludePresetId, isOn: boolean): string[] {
  const patterns: readonly string[] = excludePresets[id];
  const others = excludes.filter((pattern) => !patterns.includes(pattern));
  return isOn ? [...patterns, ...others] : others;
}

/** The patterns that no switched-on preset accounts for: what the free-text field shows. */
export function customExcludes(excludes: readonly string[]): string[] {
  const fromPresets = new Set<string>(excludePresetIds.filter((id) => isPresetOn(excludes, id)).flatMap((id) => excludePresets[id]));
  return excludes.filter((pattern) => !fromPresets.has(pattern));
}

/** The switched-on presets' patterns followed by the typed lines (blank lines dropped). */
export function withCustomExcludes(excludes: readonly string[], text: string): string[] {
  const fromPresets = excludePresetIds.filter((id) => isPresetOn(excludes, id)).flatMap((id) => excludePresets[id]);
  const typed = text.split('\n').map((line) => line.trim());
  return [...new Set([...fromPresets, ...typed.filter(Boolean)])];
}
