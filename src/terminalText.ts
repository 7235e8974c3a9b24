/**
 * Text from a briefing, a file name or the environment, made safe to print
 * on a terminal. A control character (ESC starts the sequences that set a
 * terminal's title or colours, or move the cursor over earlier lines) or a
 * bidirectional control (which reorders what a line appears to say) is
 * shown as an escape instead, so a line printed is the line read.
 *
 * Every user-controlled string the CLI prints goes through `printable`;
 * briefdeck's own colours are added after it.
 */

const NAMED: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/** C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates. */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The text with every control character shown as an escape (`\u001b`, `\n`), on one line. */
export function printable(text: string): string {
  return text.replace(
    UNSAFE,
    (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** JSON for the terminal: JSON.stringify leaves C1 and bidi controls raw; they are written as `\uXXXX` escapes too. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
