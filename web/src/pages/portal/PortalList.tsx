import { type QueryKey, useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import type { Page } from '../../api/types';

/** One public record in a portal list: its title opening its page, its tags, a line or two about it. */
export function PortalListItem({ to, title, tags, description }: { to: string; title: string; tags?: ReactNode; description: ReactNode }) {
  return (
    <List.Item>
      <List.Item.Meta
        title={
          <Flex gap={8} wrap align="center">
            <Link to={to}>{title}</Link>
            {tags}
          </Flex>
        }
        description={description}
      />
    </List.Item>
  );
}

/** How many records a section of the portal home shows. */
const LATEST = 5;

/**
 * A section of the portal home: the newest few records of one kind, or why there are none, and a
 * footer that links the full list (given the total).
 */
export function LatestList<T>(props: {
  queryKey: QueryKey;
  load: (paging: { page: number; pageSize: number }) => Promise<Page<T>>;
  empty: string;
  footer: (total: number) => ReactNode;
  renderItem: (item: T) => ReactNode;
  testId?: string;
}) {
  const query = useQuery({ queryKey: props.queryKey, queryFn: () => props.load({ page: 1, pageSize: LATEST }) });
  if (query.isError) return <Alert type="warning" showIcon title={errorMessage(query.error)} />;
  if (query.data && query.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />;
  return <List loading={query.isLoading} dataSource={query.data?.items} data-testid={props.testId} footer={query.data && props.footer(query.data.total)} renderItem={props.renderItem} />;
}
