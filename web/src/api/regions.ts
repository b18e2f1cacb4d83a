/** The GB/T 2260 region tree (src/modules/regions/routes.ts). */
import { http } from './client';

const NATIONAL = '000000';

/** The regions directly below one (the provinces below the national root). */
export const regionsBelow = (parent: string) => http.get('/api/regions', { query: parent === NATIONAL ? {} : { parent } }).then((r) => r.items);
