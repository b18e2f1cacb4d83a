/** Mentors, coaching relations and sessions (src/modules/mentors/routes.ts). */
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';

export type Mentor = ResponseOf<'/api/mentors', 'get'>['items'][number];
export type MentorBody = BodyOf<'/api/mentors/spaces/{spaceId}', 'post'>;
export type MentorQuery = QueryOf<'/api/mentors', 'get'>;
export type Relation = ResponseOf<'/api/mentors/relations', 'get'>['items'][number];
export type RelationQuery = QueryOf<'/api/mentors/relations', 'get'>;
export type Session = ResponseOf<'/api/mentors/sessions', 'get'>['items'][number];
export type SessionQuery = QueryOf<'/api/mentors/sessions', 'get'>;
export type Ratio = ResponseOf<'/api/mentors/spaces/{spaceId}/ratio', 'get'>;

export const MENTOR_KINDS = ['industry', 'startup', 'technology'] as const;
export const MENTOR_TERMS = ['full_time', 'part_time'] as const;
export const RELATION_STATES = ['pending', 'active', 'completed'] as const;
export const RELATION_COLORS: Record<Relation['state'], string> = { pending: 'gold', active: 'blue', completed: 'green' };

export const mentorKeys = { list: 'mentors', relations: 'mentor-relations', sessions: 'mentor-sessions', ratio: 'mentor-ratio' };

export const mentorsApi = {
  list: (query: MentorQuery) => http.get('/api/mentors', { query }),
  create: (spaceId: string, body: MentorBody) => http.post('/api/mentors/spaces/{spaceId}', { path: { spaceId }, body }),
  edit: (id: string, body: BodyOf<'/api/mentors/{id}', 'put'>) => http.put('/api/mentors/{id}', { path: { id }, body }),
  /** A signed-in maker asks for a consenting mentor's contacts (audited, limited per day). */
  revealContact: (id: string) => http.post('/api/mentors/{id}/reveal', { path: { id } }),
  ratio: (spaceId: string) => http.get('/api/mentors/spaces/{spaceId}/ratio', { path: { spaceId } }),
  relations: (query: RelationQuery) => http.get('/api/mentors/relations', { query }),
  createRelation: (mentorId: string, body: BodyOf<'/api/mentors/{id}/relations', 'post'>) => http.post('/api/mentors/{id}/relations', { path: { id: mentorId }, body }),
  moveRelation: (id: string, body: BodyOf<'/api/mentors/relations/{id}/state', 'post'>) => http.post('/api/mentors/relations/{id}/state', { path: { id }, body }),
  sessions: (query: SessionQuery) => http.get('/api/mentors/sessions', { query }),
  logSession: (relationId: string, body: BodyOf<'/api/mentors/relations/{id}/sessions', 'post'>) => http.post('/api/mentors/relations/{id}/sessions', { path: { id: relationId }, body }),
};
