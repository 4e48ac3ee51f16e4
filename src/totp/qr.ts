/**
 * The otpauth:// URI as a QR code drawn with half-block characters: two module rows per text
 * row, so a set-up URI fits in about 45 columns. With colour, dark modules are black on white
 * whatever the terminal's theme; without, dark modules are drawn as blocks.
 */
import QRCode from "qrcode";

const QUIET = 2;

/** Dark modules as a square boolean matrix, quiet zone included. */
export function qrMatrix(text: string): boolean[][] {
  // Error correction L keeps the code small enough for an 80-column terminal.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "L" });
  const size = modules.size + QUIET * 2;
  return Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, x) => {
      const my = y - QUIET;
      const mx = x - QUIET;
      return my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx) === 1;
    }),
  );
}

const HALF_BLOCKS = [" ", "▄", "▀", "█"]; // index: top dark * 2 + bottom dark

export function qrText(text: string, options: { color: boolean }): string {
  const m = qrMatrix(text);
  const lines: string[] = [];
  for (let y = 0; y < m.length; y += 2) {
    const row = m[y]!.map((top, x) => HALF_BLOCKS[(top ? 2 : 0) + (m[y + 1]?.[x] ? 1 : 0)]).join("");
    lines.push(options.color ? `\u001b[30;47m${row}\u001b[0m` : row);
  }
  return `${lines.join("\n")}\n`;
}
