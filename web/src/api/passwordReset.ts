/** "忘记密码": whether mail can carry a reset link, asking for one, and setting the new password. */
import { type BodyOf, http } from './client';

export const passwordResetApi = {
  availability: () => http.get('/api/auth/password-reset'),
  request: (body: BodyOf<'/api/auth/password-reset/request', 'post'>) => http.post('/api/auth/password-reset/request', { body }),
  complete: (body: BodyOf<'/api/auth/password-reset/complete', 'post'>) => http.post('/api/auth/password-reset/complete', { body }),
};
