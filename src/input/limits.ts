/**
 * The most harden reads of any one input, so a huge, endless or hostile file ends at once with
 * a clear message (exit 2) instead of filling the memory. Each is far above any real use.
 */
const KiB = 1024;
const MiB = 1024 * KiB;

/** A checklist, workshop plan, intake rules or answers file (the largest built-in checklist is 34 KB). */
export const MAX_DATA_FILE_BYTES = 1 * MiB;

/**
 * One list in a checklist, workshop plan or intake rules file (items, steps, platforms...): the
 * built-in ones hold at most a few dozen. Past it the schema check slows down steeply.
 */
export const MAX_LIST_ENTRIES = 1000;

/** A password-manager export (5,000 entries with notes take a few MB). */
export const MAX_EXPORT_BYTES = 100 * MiB;

/**
 * One password or TOTP secret line (stdin, --password-file, --secret-file, the hidden prompt),
 * and one field harden reads from an export (name, URL, user name, password). A passphrase is
 * never more than a few hundred characters.
 */
export const MAX_SECRET_CHARS = 64 * KiB;

/**
 * Strength is scored on the first 256 characters, zxcvbn-ts's own maxLength: beyond that it
 * adds nothing but time. The breach lookup always hashes the whole password.
 */
export const STRENGTH_MAX_CHARS = 256;
