// The enrolment QR code, drawn on the server as one SVG path (no image service,
// no inline markup: components/auth/qr-code.tsx renders the path with React).
import { encode } from "uqr";

export type QrMatrix = { size: number; path: string };

export function qrMatrix(text: string): QrMatrix {
  const { size, data } = encode(text, { ecc: "M", border: 2 });
  let path = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size, path };
}
