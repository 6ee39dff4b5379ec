/**
 * Where staff belong: each organisation's own dashboard, and which staff pages its roles open. Client components
 * read it too (the sign-in panel lands with it): keep it free of server code.
 */
import { ROLE } from "@tracemed/chain";

/** The dashboard of an organisation with `roles` (its first role in this order; /batches for none of them). */
export function dashboardFor(roles: number): string {
  if (roles & ROLE.REGULATOR) return "/regulator";
  if (roles & ROLE.MANUFACTURER) return "/manufacturer";
  if (roles & ROLE.DISTRIBUTOR) return "/distributor";
  if (roles & ROLE.PHARMACY) return "/pharmacy";
  return "/batches";
}

const HOLDS_STOCK = ROLE.MANUFACTURER | ROLE.DISTRIBUTOR | ROLE.PHARMACY;

/** The staff areas by path prefix, and the roles that may use each (0: any organisation). */
const STAFF_AREAS: [prefix: string, roles: number][] = [
  ["/regulator", ROLE.REGULATOR],
  ["/manufacturer", ROLE.MANUFACTURER],
  ["/distributor", ROLE.DISTRIBUTOR],
  ["/pharmacy", ROLE.PHARMACY],
  ["/ship", HOLDS_STOCK],
  ["/receive", HOLDS_STOCK],
  ["/batches", 0],
  ["/members", 0],
];

const within = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** Whether `pathname` is a staff page that an organisation with `roles` may use. */
export function staffPageAllows(pathname: string, roles: number): boolean {
  const area = STAFF_AREAS.find(([prefix]) => within(pathname, prefix));
  return area !== undefined && (area[1] === 0 || (roles & area[1]) !== 0);
}

/**
 * Where to go after signing in on `pathname`: stay (null) on a staff page the new roles open, else the
 * organisation's dashboard (from the consumer's pages, or from a page of another role after a switch).
 */
export function landingAfterSignIn(pathname: string, roles: number): string | null {
  return staffPageAllows(pathname, roles) ? null : dashboardFor(roles);
}
