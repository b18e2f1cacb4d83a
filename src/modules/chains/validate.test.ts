import { describe, expect, it } from 'vitest';
import { CHAINS, type ChainTemplateKey } from '../../shared/chains.ts';
import { checkChain } from './validate.ts';

/** A chain's editable fields as the API takes them, from a shipped constant. */
function draftOf(key: ChainTemplateKey) {
  const c = CHAINS[key];
  return structuredClone({ name: c.name, nameEn: c.nameEn, level: c.level, requiresFiling: c.requiresFiling ?? null, definition: { stages: c.stages } }) as unknown as {
    name: string;
    nameEn: string;
    level: string;
    requiresFiling: string | null;
    definition: { stages: Record<string, unknown>[] };
  };
}

/** The field errors of a chain changed by `change` (from the Liaoning chain unless said). */
function errorsOf(change: (d: ReturnType<typeof draftOf>) => void, from: ChainTemplateKey = 'liaoning_province') {
  const d = draftOf(from);
  change(d);
  const r = checkChain(d);
  return r.ok ? [] : r.errors;
}

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('chain validation', () => {
  it.each(Object.keys(CHAINS) as ChainTemplateKey[])('accepts the shipped chain %s', (key) => {
    expect(checkChain(draftOf(key))).toMatchObject({ ok: true });
  });

  it('refuses a chain without stages', () => {
    const errors = errorsOf((d) => (d.definition.stages = []));
    expect(errors).toEqual([{ field: 'body.definition.stages', message: '流程至少需要一个环节', messageEn: 'a chain needs at least one stage' }]);
  });

  it('refuses a repeated stage key, naming the second one', () => {
    const errors = errorsOf((d) => (d.definition.stages[1]!.key = 'city_authenticity'));
    expect(fields(errors)).toEqual(['body.definition.stages.1.key']);
    expect(errors[0]!.message).toContain('重复');
    expect(errors[0]!.messageEn).toContain('used twice');
  });

  it('refuses a stage key that is not a slug', () => {
    expect(fields(errorsOf((d) => (d.definition.stages[2]!.key = 'City-Recommend')))).toEqual(['body.definition.stages.2.key']);
    expect(fields(errorsOf((d) => (d.definition.stages[2]!.key = '2nd')))).toEqual(['body.definition.stages.2.key']);
  });

  it('refuses a chain whose last stage is not a decision', () => {
    const errors = errorsOf((d) => d.definition.stages.pop());
    expect(fields(errors)).toEqual(['body.definition.stages.3.kind']);
    expect(errors[0]!.messageEn).toContain('decision');
  });

  it('refuses a last decision that gives no filing, or one at another level', () => {
    expect(fields(errorsOf((d) => delete d.definition.stages[4]!.filingLevel))).toEqual(['body.definition.stages.4.filingLevel']);
    const other = errorsOf((d) => (d.definition.stages[4]!.filingLevel = 'city'));
    expect(fields(other)).toEqual(['body.definition.stages.4.filingLevel']);
    expect(other[0]!.message).toContain('须与流程级别');
  });

  it('refuses a filing level on any stage but the last decision', () => {
    const errors = errorsOf((d) => (d.definition.stages[3] = { ...d.definition.stages[3], kind: 'decision', filingLevel: 'province' }), 'liaoning_province');
    expect(fields(errors)).toEqual(['body.definition.stages.3.filingLevel']);
    // The Jiangsu chain's provincial selection is a decision that gives no filing: fine as it is.
    expect(fields(errorsOf((d) => (d.definition.stages[4]!.filingLevel = 'national'), 'jiangsu_national'))).toEqual(['body.definition.stages.4.filingLevel']);
  });

  it('refuses an authority above the chain level', () => {
    const errors = errorsOf((d) => (d.definition.stages[0]!.actor = { kind: 'authority', level: 'national' }));
    expect(errors).toEqual([
      { field: 'body.definition.stages.0.actor', message: '办理的主管部门（国家级）高于流程级别（省级）', messageEn: "the authority (national) is above the chain's level (province)" },
    ]);
  });

  it('refuses a notice, expert or decision stage worked by anyone but an authority', () => {
    expect(fields(errorsOf((d) => (d.definition.stages[3]!.actor = { kind: 'intake' })))).toEqual(['body.definition.stages.3.actor']);
  });

  it('lets a unit work only a chain wholly its own, without an expert or recommend stage', () => {
    const unit = { kind: 'unit' };
    const own = (d: ReturnType<typeof draftOf>) => {
      d.level = 'city';
      d.definition.stages = [d.definition.stages[0]!, d.definition.stages[1]!, { ...d.definition.stages[4]!, filingLevel: 'city' }].map((s) => ({ ...s, actor: unit }));
    };
    expect(errorsOf(own)).toEqual([]);
    // A unit never decides (nor notices) within an S&T department's chain: the filing decisions stay theirs.
    expect(fields(errorsOf((d) => (d.definition.stages[4]!.actor = unit)))).toEqual(['body.definition.stages.4.actor']);
    expect(fields(errorsOf((d) => (d.definition.stages[0]!.actor = unit)))).toEqual(['body.definition.stages.0.actor']);
    expect(
      fields(
        errorsOf((d) => {
          own(d);
          d.definition.stages[0]!.kind = 'recommend';
        }),
      ),
    ).toEqual(['body.definition.stages.0.actor']);
  });

  it('refuses an expert stage below the province and a recommendation by the national authority', () => {
    // Liaoning's stage 3 is the provincial expert review; the national chains recommend first.
    expect(fields(errorsOf((d) => (d.definition.stages[3]!.actor = { kind: 'authority', level: 'city' })))).toEqual(['body.definition.stages.3.actor']);
    expect(fields(errorsOf((d) => (d.definition.stages[0]!.actor = { kind: 'authority', level: 'national' }), 'province_national'))).toEqual(['body.definition.stages.0.actor']);
  });

  it('refuses documents on a stage that is not a recommendation', () => {
    expect(fields(errorsOf((d) => (d.definition.stages[0]!.documents = ['letter'])))).toEqual(['body.definition.stages.0.documents']);
    expect(fields(errorsOf((d) => (d.definition.stages[2]!.documents = ['letter', 'letter'])))).toEqual(['body.definition.stages.2.documents.1']);
    expect(fields(errorsOf((d) => (d.definition.stages[2]!.documents = ['seal'])))).toEqual(['body.definition.stages.2.documents.0']);
  });

  it('refuses a review, recommend or decision stage without checklist items', () => {
    for (const i of [0, 2, 4]) {
      const errors = errorsOf((d) => (d.definition.stages[i]!.checklist = []));
      expect(fields(errors)).toEqual([`body.definition.stages.${i}.checklist`]);
      expect(errors[0]!.message).toContain('至少需要一项检查项');
    }
    // A notice needs none.
    expect(errorsOf((d) => (d.definition.stages[1]!.checklist = []))).toEqual([]);
  });

  it('refuses repeated item keys and items without both labels', () => {
    const checklist = (d: ReturnType<typeof draftOf>) => d.definition.stages[0]!.checklist as Record<string, string>[];
    expect(fields(errorsOf((d) => (checklist(d)[1]!.key = checklist(d)[0]!.key!)))).toEqual(['body.definition.stages.0.checklist.1.key']);
    expect(fields(errorsOf((d) => (checklist(d)[2]!.labelEn = '  ')))).toEqual(['body.definition.stages.0.checklist.2.labelEn']);
    expect(fields(errorsOf((d) => (checklist(d)[2]!.label = '')))).toEqual(['body.definition.stages.0.checklist.2.label']);
  });

  it('refuses due days outside 1–365 or not whole', () => {
    for (const dueDays of [0, 366, 2.5, '10']) {
      const errors = errorsOf((d) => (d.definition.stages[1]!.dueDays = dueDays));
      expect(fields(errors)).toEqual(['body.definition.stages.1.dueDays']);
      expect(errors[0]!.message).toMatch(/办理时限/);
    }
  });

  it('refuses a required filing that is not strictly below the level', () => {
    expect(fields(errorsOf((d) => (d.requiresFiling = 'province')))).toEqual(['body.requiresFiling']);
    expect(fields(errorsOf((d) => (d.requiresFiling = 'city'), 'xuchang_city'))).toEqual(['body.requiresFiling']);
    expect(errorsOf((d) => (d.requiresFiling = 'city'))).toEqual([]);
  });

  it('refuses a notice as the first stage', () => {
    const errors = errorsOf((d) => d.definition.stages.shift());
    expect(fields(errors)).toEqual(['body.definition.stages.0.kind']);
    expect(errors[0]!.messageEn).toContain('notice');
  });

  it('refuses unknown fields and a malformed actor by name', () => {
    expect(fields(errorsOf((d) => (d.definition.stages[0]!.colour = 'red')))).toEqual(['body.definition.stages.0.colour']);
    expect(fields(errorsOf((d) => (d.definition.stages[0]!.actor = { kind: 'mayor' })))).toEqual(['body.definition.stages.0.actor.kind']);
    expect(fields(errorsOf((d) => (d.definition.stages[0]!.actor = { kind: 'authority', level: 'village' })))).toEqual(['body.definition.stages.0.actor.level']);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf((d) => {
      d.definition.stages.shift();
      d.definition.stages[0]!.dueDays = 400;
    });
    expect(fields(errors)).toEqual(['body.definition.stages.0.dueDays']);
    const semantic = errorsOf((d) => {
      d.definition.stages.shift();
      d.definition.stages.pop();
    });
    expect(fields(semantic).sort()).toEqual(['body.definition.stages.0.kind', 'body.definition.stages.2.kind']);
  });
});
