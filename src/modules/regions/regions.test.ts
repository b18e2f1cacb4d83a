import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { inJurisdiction, type Actor } from '../../shared/actor.ts';
import { buildRegionRows } from './load.ts';
import * as service from './service.ts';

let t: TestApp;
let anon: Agent;
beforeAll(async () => {
  t = await createTestApp();
  anon = new Agent(t.app);
});
afterAll(() => t.close());

const region = async (code: string) => (await service.findRegion(t.ctx.db, code))!;
const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);

describe('the loaded GB/T 2260 tree', () => {
  it('keeps 直辖市 districts under their 市辖区 node', async () => {
    expect(await region('110101')).toMatchObject({ name: '东城区', level: 'county', parentCode: '110100', path: '000000/110000/110100/110101' });
    expect(await region('110100')).toMatchObject({ level: 'city', parentCode: '110000' });
    expect(await region('110000')).toMatchObject({ name: '北京市', level: 'province', parentCode: '000000' });
  });

  it('keeps province-administered county-level units under their grouping', async () => {
    expect(await region('419001')).toMatchObject({ name: '济源市', level: 'county', parentCode: '419000', path: '000000/410000/419000/419001' });
    expect(await region('419000')).toMatchObject({ level: 'city', parentCode: '410000' });
  });

  it('has 东莞 once, as a city with no county row of the same code', async () => {
    expect(await region('441900')).toMatchObject({ name: '东莞市', level: 'city', parentCode: '440000' });
    expect(buildRegionRows().filter((r) => r.code === '441900')).toHaveLength(1);
    expect(await service.childrenOf(t.ctx.db, '441900')).toEqual([]);
  });

  it('gives every row a unique code and a path that ends in it and runs through its parent', () => {
    const rows = buildRegionRows();
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const r of rows) {
      expect(r.path.endsWith(r.code)).toBe(true);
      if (r.parentCode) expect(r.path).toBe(`${byCode.get(r.parentCode)!.path}/${r.code}`);
    }
  });
});

describe('jurisdiction by region path', () => {
  const governing = (path: string): Actor =>
    makeActor({
      roles: ['authority_admin'],
      org: { name: '许昌市科学技术局', kind: 'authority', authorityLevel: 'city', regionCode: '411000', regionName: '许昌市' },
      jurisdictionPath: path,
    });

  it('puts 长葛 inside 许昌 but not 济源, although both codes begin with 41', async () => {
    const xuchang = governing((await region('411000')).path);
    expect(inJurisdiction(xuchang, (await region('411082')).path)).toBe(true);
    expect(inJurisdiction(xuchang, (await region('411000')).path)).toBe(true);
    expect(inJurisdiction(xuchang, (await region('419001')).path)).toBe(false);
    expect(inJurisdiction(xuchang, (await region('410000')).path)).toBe(false);
  });

  it('puts a province’s directly administered units inside the province', async () => {
    const henan = governing((await region('410000')).path);
    expect(inJurisdiction(henan, (await region('419001')).path)).toBe(true);
    expect(inJurisdiction(henan, (await region('110101')).path)).toBe(false);
  });
});

describe('region API (anonymous)', () => {
  it('lists provinces, then the children of a region', async () => {
    const top = await anon.get('/api/regions');
    expect(top.statusCode).toBe(200);
    expect(top.json().items.map((r: { code: string }) => r.code)).toContain('410000');
    const henan = (await anon.get('/api/regions?parent=410000')).json().items.map((r: { code: string }) => r.code);
    expect(henan).toEqual(expect.arrayContaining(['411000', '419000']));
    const xuchang = (await anon.get('/api/regions?parent=411000')).json().items.map((r: { code: string }) => r.code);
    expect(xuchang).toContain('411082');
    expect(xuchang).not.toContain('419001');
  });

  it('shows a region with its full name, leaving out grouping nodes', async () => {
    const cg = await anon.get('/api/regions/411082');
    expect(cg.statusCode).toBe(200);
    expect(cg.json()).toMatchObject({ code: '411082', name: '长葛市', fullName: '河南省 / 许昌市 / 长葛市' });
    expect((await anon.get('/api/regions/110101')).json().fullName).toBe('北京市 / 东城区');
    expect((await anon.get('/api/regions/419001')).json().fullName).toBe('河南省 / 济源市');
  });

  it('answers 404 for a well-formed code that does not exist', async () => {
    expect((await anon.get('/api/regions/999999')).statusCode).toBe(404);
  });

  it.each([
    ['/api/regions/41108', 'params.code'],
    ['/api/regions/41108x', 'params.code'],
    ['/api/regions?parent=abc', 'querystring.parent'],
    ['/api/regions?level=city', 'querystring.level'],
  ])('answers 400 naming the field for %s', async (url, field) => {
    const res = await anon.get(url);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain(field);
  });
});
