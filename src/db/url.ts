// Connection URLs as they may be shown: in logs, /readyz and error messages.

/** Returns `url` with its password replaced by `***`; a string that is not a URL comes back unchanged. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
