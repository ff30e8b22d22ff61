/** Which file extensions belong to which semgrep language, so the CLI knows which files to hand to the semgrep bridge. */

/** Languages the built-in engine runs itself: never sent to semgrep. */
export const ENGINE_LANGUAGES: readonly string[] = ['javascript', 'js', 'typescript', 'ts', 'jsx', 'tsx'];

/** Semgrep language names and aliases → the extensions of files in that language. */
const EXTENSIONS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  python: ['.py', '.pyi'],
  py: ['.py', '.pyi'],
  python3: ['.py', '.pyi'],
  go: ['.go'],
  golang: ['.go'],
  java: ['.java'],
  ruby: ['.rb'],
  rb: ['.rb'],
  php: ['.php'],
  csharp: ['.cs'],
  'c#': ['.cs'],
  cs: ['.cs'],
  kotlin: ['.kt', '.kts'],
  kt: ['.kt', '.kts'],
  scala: ['.scala'],
  rust: ['.rs'],
  c: ['.c', '.h'],
  cpp: ['.cpp', '.cc', '.cxx', '.hpp', '.hh'],
  'c++': ['.cpp', '.cc', '.cxx', '.hpp', '.hh'],
  swift: ['.swift'],
  bash: ['.sh', '.bash'],
  sh: ['.sh', '.bash'],
  lua: ['.lua'],
  elixir: ['.ex', '.exs'],
  ex: ['.ex', '.exs'],
  solidity: ['.sol'],
  sol: ['.sol'],
  terraform: ['.tf', '.hcl'],
  hcl: ['.tf', '.hcl'],
  tf: ['.tf', '.hcl'],
  dart: ['.dart'],
  ocaml: ['.ml', '.mli'],
  html: ['.html', '.htm'],
};

/**
 * The extensions (lower case, with the dot) → language of the files that `languages` (rules'
 * `languages:` lists) apply to.
 *
 * Why: the CLI collects files in another language only when a loaded rule is for that
 * language; otherwise a Python file in a JS repository is not worth a process start or a
 * warning. `generic` and `regex` rules match any file and are left out: handing every file
 * of a tree to semgrep for them would surprise more than it helps.
 */
export function extensionsForLanguages(languages: Iterable<string>): Map<string, string> {
  const byExtension = new Map<string, string>();
  for (const language of languages) {
    const key = language.toLowerCase();
    for (const extension of EXTENSIONS_BY_LANGUAGE[key] ?? []) {
      if (!byExtension.has(extension)) byExtension.set(extension, key);
    }
  }
  return byExtension;
}

/** The language a file goes to semgrep as, from its extension; undefined when no semgrep language claims it. */
export function semgrepLanguageOf(filePath: string): string | undefined {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = filePath.slice(dot).toLowerCase();
  for (const [language, extensions] of Object.entries(EXTENSIONS_BY_LANGUAGE)) {
    if (extensions.includes(extension)) return language;
  }
  return undefined;
}
