/**
 * The one username check of the kit, shared by the browser and the server: what a username may contain, and when
 * two usernames are the same account.
 *
 * Refused: control characters; format characters (zero-width spaces and joiners, bidi overrides and isolates, the
 * soft hyphen); every other default-ignorable code point (variation selectors, Hangul fillers); private-use and
 * unassigned code points; line and paragraph separators. Each could make two names look alike, or reorder the
 * text around them.
 *
 * Equal: names that are the same after NFKC (composed and decomposed é, full-width letters, ligatures) and case
 * folding (`Alice`, `alice`, `ALICE`; `Straße`, `STRASSE`), the way RFC 8265's UsernameCaseMapped profile compares
 * them.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** Longest username, in characters, after trimming. */
export const USERNAME_MAX_LENGTH = 256;

export type UsernameCheck =
  | { ok: true; /** Trimmed and NFC-normalised: the name to show and store. */ username: string; /** The name's identity: see `usernameKey`. */ key: string }
  | { ok: false; reason: 'empty' | 'too-long' | 'forbidden-character' };

/** Checks a username as typed; the `username` it gives is what to send, show and store. */
export function checkUsername(input: string): UsernameCheck {
  const username = input.normalize('NFC').trim();
  if (username === '') return { ok: false, reason: 'empty' };
  if ([...username].length > USERNAME_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  if (FORBIDDEN.test(username)) return { ok: false, reason: 'forbidden-character' };
  return { ok: true, username, key: usernameKey(username) };
}

/**
 * When two names are one account: NFKC, then full case folding (lower, upper, then lower case, which folds `ß` and
 * `ẞ` to `ss` and final sigma to `σ`), then NFKC again, since case mapping can un-normalise. Unique in the server's
 * store.
 */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
}

/** What a refusal says, in English, for server bodies and developer messages. */
export const USERNAME_PROBLEMS: Record<Exclude<UsernameCheck, { ok: true }>['reason'], string> = {
  empty: 'The username is empty',
  'too-long': `The username is longer than ${USERNAME_MAX_LENGTH} characters`,
  'forbidden-character': 'The username contains an invisible, control or direction-changing character',
};
