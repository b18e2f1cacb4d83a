import { Cascader } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import { regionsBelow } from '../api/regions';
import type { Region } from '../api/types';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const NATIONAL = '000000';
const childrenOf = regionsBelow;

/**
 * Region picker over GB/T 2260, loaded level by level; any level may be chosen (a province-level
 * authority sits at its province, a national one at 000000). The form value is the path of codes.
 */
export function RegionCascader(props: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t } = useTranslation();
  // Loaded levels by parent code; the option tree is derived from it, never mutated.
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Region[]>>(new Map());
  const [error, setError] = useState<string>();

  async function load(parent: string) {
    try {
      const items = await childrenOf(parent);
      setLoaded((m) => new Map(m).set(parent, items));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  useEffect(() => {
    void load(NATIONAL);
  }, []);

  // A value set from outside (editing a record) needs its parents' levels loaded to show its names.
  useEffect(() => {
    for (const code of props.value?.slice(0, -1) ?? []) if (!loaded.has(code)) void load(code);
  }, [props.value?.join()]);

  const options = useMemo(() => {
    const build = (parent: string): Option[] | undefined =>
      loaded.get(parent)?.map((r) => {
        const children = build(r.code);
        return { value: r.code, label: r.name, isLeaf: r.level === 'county' || children?.length === 0, children };
      });
    return [{ value: NATIONAL, label: t('orgs.national'), isLeaf: true }, ...(build(NATIONAL) ?? [])];
  }, [loaded, t]);

  return (
    <Cascader<Option>
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v as string[])}
      options={options}
      loadData={(path) => {
        const code = path.at(-1)?.value;
        if (code && !loaded.has(code)) void load(code);
      }}
      changeOnSelect
      status={error ? 'error' : undefined}
      placeholder={error}
    />
  );
}
