/**
 * The otpauth:// URI as a QR code drawn with half-block characters: two module rows per text
 * row, so a set-up URI fits in about 50 columns. With colour, every cell says both its colours:
 * dark modules black, light ones and the 4-module quiet zone white, from the fixed part of the
 * 256-colour table (16 and 231), which themes do not remap, so a phone reads it on a dark theme
 * too. Without colour, dark modules are drawn as blocks.
 */
import QRCode from "qrcode";

/** The quiet zone the QR standard asks for around the code, in modules. */
export const QUIET_ZONE = 4;

/** Dark modules as a square boolean matrix, quiet zone included. */
export function qrMatrix(text: string): boolean[][] {
  // Error correction L keeps the code small enough for an 80-column terminal.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "L" });
  const size = modules.size + QUIET_ZONE * 2;
  return Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, x) => {
      const my = y - QUIET_ZONE;
      const mx = x - QUIET_ZONE;
      return my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx) === 1;
    }),
  );
}

const HALF_BLOCKS = [" ", "▄", "▀", "█"]; // index: top dark * 2 + bottom dark
const BLACK = 16;
const WHITE = 231;

/** One text cell for two modules: the upper half block in the top module's colour over the bottom's. */
const colourCell = (top: boolean, bottom: boolean) => `\u001b[38;5;${top ? BLACK : WHITE};48;5;${bottom ? BLACK : WHITE}m▀`;

export function qrText(text: string, options: { color: boolean }): string {
  const m = qrMatrix(text);
  const lines: string[] = [];
  for (let y = 0; y < m.length; y += 2) {
    // An odd number of rows: the last row's lower half is quiet zone (light).
    const bottom = (x: number) => m[y + 1]?.[x] ?? false;
    lines.push(
      options.color
        ? `${m[y]!.map((top, x) => colourCell(top, bottom(x))).join("")}\u001b[0m`
        : m[y]!.map((top, x) => HALF_BLOCKS[(top ? 2 : 0) + (bottom(x) ? 1 : 0)]).join(""),
    );
  }
  return `${lines.join("\n")}\n`;
}
