/** The HTTP status for a domain rejection code. */
export function statusForCode(code: string): number {
  if (code.startsWith('auth.')) return 403;
  if (code === 'command.id-reused') return 409;
  if (code.endsWith('.not-found')) return 404;
  return 422;
}
