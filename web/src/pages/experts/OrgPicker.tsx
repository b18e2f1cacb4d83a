import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { expertsApi } from '../../api/experts';

interface OrgOption {
  id: string;
  name: string;
}

type Props = { id?: string; known?: OrgOption[] } & (
  | { multiple: true; value?: string[]; onChange?: (v: string[]) => void }
  | { multiple?: false; value?: string | null; onChange?: (v: string | null) => void }
);

/**
 * Organisations by name for an expert's affiliation or conflicts (GET /api/expert/org-options),
 * searching as the user types; `known` names the ones already chosen.
 */
export function OrgPicker(props: Props) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['expert-org-options', q],
    queryFn: () => expertsApi.orgOptions(q),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const options = new Map([...(props.known ?? []), ...(found.data?.items ?? [])].map((o) => [o.id, { value: o.id, label: o.name }]));
  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value ?? undefined}
      onChange={(v: string | string[] | undefined) => (props.multiple ? props.onChange?.((v as string[]) ?? []) : props.onChange?.((v as string | undefined) ?? null))}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      style={{ minWidth: 240 }}
      options={[...options.values()]}
    />
  );
}
