// Small presentational building blocks shared by every page.
import type { ComponentProps, ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 soft">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}

export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={className ? `card ${className}` : "card"} {...props} />;
}

// Classes in app/globals.css (@layer components): short, as the markup is sent twice.
type ButtonVariant = "primary" | "secondary" | "danger";

export function Button({
  variant = "primary",
  className,
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button className={`btn btn-${variant}${className ? ` ${className}` : ""}`} {...props} />;
}

export function Badge({
  tone = "slate",
  children,
}: {
  tone?: "slate" | "green" | "amber" | "red" | "brand";
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Notice({ tone = "info", children }: { tone?: "info" | "error" | "success"; children: ReactNode }) {
  return <div className={`notice notice-${tone}`}>{children}</div>;
}
