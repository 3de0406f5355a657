// What of a request URL may reach a span: the path as it is, the query string with every value
// replaced (the keys still tell what was asked; values carry tokens, emails, signatures).

/** `a=1&token=xyz` → `a=REDACTED&token=REDACTED`; an empty string stays empty. */
export function redactQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? pair : `${pair.slice(0, eq)}=REDACTED`;
    })
    .join('&');
}

/** Splits a request target into its path and query (without `?`). */
export function splitTarget(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}
