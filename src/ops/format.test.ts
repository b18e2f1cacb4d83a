import { describe, expect, it } from 'vitest';
import { dependencyOrder, schemaTables } from './catalogue.ts';
import { parseRecord, safeRelativePath } from './format.ts';

describe('dependencyOrder', () => {
  it('puts every table after the tables it references, keeping the given order otherwise', () => {
    expect(
      dependencyOrder([
        { name: 'users', references: ['organisations'] },
        { name: 'audit_log', references: [] },
        { name: 'organisations', references: ['regions'] },
        { name: 'regions', references: ['regions'] },
      ]),
    ).toEqual(['audit_log', 'regions', 'organisations', 'users']);
  });

  it('refuses a cycle between tables', () => {
    expect(() => dependencyOrder([{ name: 'a', references: ['b'] }, { name: 'b', references: ['a'] }])).toThrow(/cycle among: a, b/);
  });

  it('orders the real schema', () => {
    const order = dependencyOrder(schemaTables());
    for (const t of schemaTables()) for (const r of t.references) expect(order.indexOf(r), `${t.name} → ${r}`).toBeLessThanOrEqual(order.indexOf(t.name));
    expect(order).toContain('audit_log');
  });
});

describe('backup records', () => {
  it('reads rows, tables, attachments and the manifest', () => {
    expect(parseRecord('["a", null]', 2)).toEqual({ kind: 'row', values: ['a', null] });
    expect(parseRecord('{"table":"users","columns":["id"]}', 2)).toEqual({ kind: 'table', table: 'users', columns: ['id'] });
    expect(parseRecord('{"chunk":"aGk="}', 2)).toEqual({ kind: 'chunk', data: Buffer.from('hi') });
  });

  it('names the line of anything else', () => {
    expect(() => parseRecord('{"table":"users"}', 7)).toThrow(/第 7 行/);
    expect(() => parseRecord('[1, 2]', 8)).toThrow(/第 8 行/);
    expect(() => parseRecord('not json', 9)).toThrow(/第 9 行/);
  });

  it('accepts only plain relative attachment paths', () => {
    expect(safeRelativePath('ab/cd.pdf', 1)).toBe('ab/cd.pdf');
    for (const p of ['../etc/passwd', '/etc/passwd', 'a//b', 'a/./b', 'a\\b', 'a/..']) expect(() => safeRelativePath(p, 1), p).toThrow();
  });
});
