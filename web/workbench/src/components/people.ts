/** "OPS:ops1", "DESK:desk.h001" as the platform records actors → the user's name; the role is the page's context. */
export function actorName(actor?: string | null): string {
  return (actor ?? '').replace(/^[A-Z]+:/, '')
}
