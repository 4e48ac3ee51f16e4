/**
 * Text from outside harden (checklist files, server answers, CSV fields) may carry terminal
 * escape sequences or control characters that rewrite the screen or hide text. Strip them
 * before anything reaches a terminal.
 */
// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-character ESC sequences, and 8-bit CSI.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional controls that
// reorder text: embeddings, overrides and isolates, and the invisible marks (LRM, RLM, ALM) that can
// move a run of text to the other end of a line. harden adds its own isolates after this, where it
// writes Arabic.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: string): string {
  return text.replace(ESCAPES, "").replace(/\r\n?/g, "\n").replace(CONTROLS, "");
}

/** One line only: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\n\t]+/g, " ");
}
