// The enrolment QR code as an SVG path made on the server (lib/auth/second-factor/qr.ts).
import type { QrMatrix } from "@/lib/auth/second-factor/qr";

export function QrCode({ qr, label }: { qr: QrMatrix; label: string }) {
  return (
    <svg
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      className="h-48 w-48 rounded bg-white p-1"
      shapeRendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
