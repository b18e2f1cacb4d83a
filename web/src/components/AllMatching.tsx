import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * What a bulk action on a paged list works on: the rows ticked on the page, or all that match the
 * list (`all`, with the number the user saw, which the server checks again at the time of the write).
 */
export type Selection = { ids: string[] } | { all: number };

export const NOTHING: Selection = { ids: [] };

/** How many the selection holds. */
export const selectedCount = (s: Selection) => ('all' in s ? s.all : s.ids.length);

/** The request fields of a selection: `ids` under the endpoint's own name, or `all` with `expectedCount`. */
export function selectionBody<K extends string>(s: Selection, idsField: K): { all: true; expectedCount: number } | Record<K, string[]> {
  return 'all' in s ? { all: true, expectedCount: s.all } : ({ [idsField]: s.ids } as Record<K, string[]>);
}

/**
 * The line above a paged table with selectable rows: how many are chosen, and a switch between the
 * page's ticked rows and all `matching` rows (every page).
 */
export function SelectionBar({ selection, matching, onChange }: { selection: Selection; matching: number; onChange: (s: Selection) => void }) {
  const { t } = useTranslation();
  if (matching === 0) return null;
  return (
    <Flex gap={8} align="center" style={{ marginBottom: 8 }} data-testid="selection-bar">
      <Typography.Text type="secondary">
        {'all' in selection ? t('common.selectedAll', { count: selection.all }) : t('common.selectedOnPage', { count: selection.ids.length })}
      </Typography.Text>
      {'all' in selection ? (
        <Button size="small" type="link" onClick={() => onChange(NOTHING)}>
          {t('common.clearSelection')}
        </Button>
      ) : (
        <Button size="small" type="link" data-testid="select-all-matching" onClick={() => onChange({ all: matching })}>
          {t('common.selectAllMatching', { count: matching })}
        </Button>
      )}
    </Flex>
  );
}

/**
 * Handles the server's refusal of an "all" action whose matching set changed size meanwhile (409
 * `COUNT_CHANGED`): says so in plain words and reloads the lists; true when it was that refusal.
 */
export function useCountChanged(reload: QueryKey[]) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (err: unknown): boolean => {
    if (!(err instanceof ApiError && err.code === 'COUNT_CHANGED')) return false;
    message.warning(t('common.countChanged'));
    for (const queryKey of reload) void queryClient.invalidateQueries({ queryKey });
    return true;
  };
}
