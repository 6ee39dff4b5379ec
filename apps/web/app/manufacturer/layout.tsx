import type { ReactNode } from "react";
import "./manufacturer.css";

export default function ManufacturerLayout({ children }: { children: ReactNode }) {
  return <div className="mfr">{children}</div>;
}
