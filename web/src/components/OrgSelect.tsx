import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { adminApi } from '../api/admin';

/** Organisation picker searching the server as the user types (there can be thousands). */
export function OrgSelect(props: { value?: string; onChange?: (v: string | undefined) => void; id?: string; allowClear?: boolean }) {
  const [q, setQ] = useState('');
  const orgs = useQuery({
    queryKey: ['admin-orgs', 'pick', q],
    queryFn: () => adminApi.orgs({ q, pageSize: 50 }),
    // Keeps the options on screen while the next search runs, so they never flicker away under the pointer.
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={orgs.isFetching}
      style={{ minWidth: 220 }}
      options={orgs.data?.items.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}
