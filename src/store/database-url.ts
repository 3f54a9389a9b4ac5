// How a database URL may be shown: in a log line, a start-up error, the configuration summary. A password
// never is, whether it sits in the URL's user part or in a query parameter.

/** The URL with its password (if any) left out. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) if (/pass|secret|key/i.test(name)) parsed.searchParams.set(name, '…');
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
