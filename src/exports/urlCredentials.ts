/**
 * A login URL may carry a user name and password (https://admin:secret@router.local/). harden
 * shows the URL to name the entry, so the credentials are cut out of it first, in every format.
 */

/** Where an address's authority (host) starts: after "scheme://". */
const SCHEME = /[a-z][a-z0-9+.-]*:\/\//gi;
/** What ends an authority, as the URL standard reads it (a backslash counts as "/" for web URLs). */
const AUTHORITY_END = /[/?#\\]/;
/** The start of the next address in a field that holds several. */
const NEXT_ADDRESS = /[a-z][a-z0-9+.-]*:\/\//i;
const NEXT_ADDRESS_HERE = /^[a-z][a-z0-9+.-]*:\/\//i;
/** "//" that starts an address without a scheme: at the start, or after a space or ",". */
const SCHEME_RELATIVE = /(?<=^|[\s,])\/\//g;

/**
 * `text` with every "user:password@" (or "user@") cut out of the addresses in it. A field may
 * hold several addresses (Bitwarden joins them with ","). With `bare` (URL fields, not names),
 * text without a scheme is read as an address too ("admin:pw@host/"), as managers store it.
 */
export function withoutCredentials(text: string, options: { bare?: boolean } = {}): string {
  // Every cut ends at an "@".
  if (!text.includes("@")) return text;
  const starts = [...text.matchAll(SCHEME)].map((m) => m.index + m[0].length);
  if (options.bare) {
    for (const m of text.matchAll(/(?:^|,)\s*/g)) if (!NEXT_ADDRESS_HERE.test(text.slice(m.index + m[0].length))) starts.push(m.index + m[0].length);
    // A scheme-relative address ("//user:pass@host/"): its authority starts after the "//".
    for (const m of text.matchAll(SCHEME_RELATIVE)) starts.push(m.index + m[0].length);
    starts.sort((a, b) => a - b);
  }
  let out = "";
  let copied = 0;
  for (const start of starts) {
    if (start < copied) continue;
    const cut = credentialsEnd(text.slice(start));
    if (cut === undefined) continue;
    out += text.slice(copied, start);
    copied = start + cut;
  }
  return out + text.slice(copied);
}

/**
 * How much of `rest` (an address from its authority on) is credentials, if any: its authority
 * holds an "@", or a ":" not followed by a port number ("user:pa/ss@h", whose password holds a
 * "/"; "[::1]" is an IPv6 host). The cut goes to the last "@" before the next address, not only
 * the authority's own, so a password with "/", "?", "#" or "," in it is cut whole.
 */
function credentialsEnd(rest: string): number | undefined {
  const end = rest.search(AUTHORITY_END);
  const authority = end === -1 ? rest : rest.slice(0, end);
  if (!authority.includes("@") && !/^[^[\]]*:(?!\d+$)/.test(authority)) return undefined;
  const nextScheme = rest.search(NEXT_ADDRESS);
  const scope = nextScheme === -1 ? rest : rest.slice(0, nextScheme);
  // Up to the next "," when the "@" is before it; else the comma was part of the password.
  const comma = scope.indexOf(",");
  const first = comma === -1 ? -1 : scope.slice(0, comma).lastIndexOf("@");
  const at = first !== -1 ? first : scope.lastIndexOf("@");
  return at === -1 ? undefined : at + 1;
}
