import type { DbOrTx } from '../../db/client.ts';
import * as repo from './repository.ts';

export const findRegion = repo.findRegion;
export const childrenOf = repo.children;

/** "辽宁省 / 沈阳市 / 和平区": the names along the path, for display and documents. */
export async function fullName(db: DbOrTx, code: string): Promise<string | undefined> {
  const region = await repo.findRegion(db, code);
  if (!region) return undefined;
  const chain = await repo.findMany(db, region.path.split('/').slice(1));
  const byCode = new Map(chain.map((r) => [r.code, r]));
  return region.path
    .split('/')
    .slice(1)
    .map((c) => byCode.get(c)?.name)
    .filter((n): n is string => !!n && n !== '市辖区' && n !== '省直辖县级行政区划')
    .join(' / ');
}

/** True when `code`'s region is `rootPath` or lies below it. */
export function pathWithin(path: string, rootPath: string): boolean {
  return path === rootPath || path.startsWith(`${rootPath}/`);
}
