/**
 * The `spackle` settings as the server wants them. VS Code reports a text setting the user left unset by its manifest
 * default, '' (or null where a user wrote it); the server takes any value given at its word and would reject these,
 * so they are left out. No `vscode` here: Node tests it.
 */
export function settingsForServer(value: unknown): unknown {
  if (Array.isArray(value) || !value || typeof value !== 'object') return value;
  const given = Object.entries(value).filter(([, v]) => v !== '' && v !== null && typeof v !== 'function');
  return Object.fromEntries(given.map(([key, v]) => [key, settingsForServer(v)]));
}
