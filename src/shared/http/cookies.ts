/** The session and CSRF cookies; production names carry the __Host- prefix (bound to the origin, Secure, no Domain). */
export const cookieNames = (production: boolean) => ({
  session: production ? '__Host-hatchery_session' : 'hatchery_session',
  csrf: production ? '__Host-hatchery_csrf' : 'hatchery_csrf',
});

export const CSRF_HEADER = 'x-csrf-token';
