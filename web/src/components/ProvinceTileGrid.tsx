import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The 34 provincial-level units of China as a tile grid ("China tile grid map"): one equal square
 * each, keyed by its GB/T 2260 code, placed roughly where it lies. No boundaries are drawn or
 * downloaded, so it is a schematic, not a map needing a 审图号; an uploaded, reviewed map replaces it.
 */
export const PROVINCE_TILES: readonly { code: string; short: string; shortEn: string; row: number; col: number }[] = [
  { code: '230000', short: '黑', shortEn: 'HL', row: 0, col: 7 },
  { code: '650000', short: '新', shortEn: 'XJ', row: 1, col: 0 },
  { code: '150000', short: '蒙', shortEn: 'NM', row: 1, col: 4 },
  { code: '110000', short: '京', shortEn: 'BJ', row: 1, col: 5 },
  { code: '210000', short: '辽', shortEn: 'LN', row: 1, col: 6 },
  { code: '220000', short: '吉', shortEn: 'JL', row: 1, col: 7 },
  { code: '620000', short: '甘', shortEn: 'GS', row: 2, col: 2 },
  { code: '640000', short: '宁', shortEn: 'NX', row: 2, col: 3 },
  { code: '140000', short: '晋', shortEn: 'SX', row: 2, col: 4 },
  { code: '130000', short: '冀', shortEn: 'HE', row: 2, col: 5 },
  { code: '120000', short: '津', shortEn: 'TJ', row: 2, col: 6 },
  { code: '540000', short: '藏', shortEn: 'XZ', row: 3, col: 0 },
  { code: '630000', short: '青', shortEn: 'QH', row: 3, col: 1 },
  { code: '610000', short: '陕', shortEn: 'SN', row: 3, col: 3 },
  { code: '410000', short: '豫', shortEn: 'HA', row: 3, col: 4 },
  { code: '370000', short: '鲁', shortEn: 'SD', row: 3, col: 5 },
  { code: '510000', short: '川', shortEn: 'SC', row: 4, col: 2 },
  { code: '500000', short: '渝', shortEn: 'CQ', row: 4, col: 3 },
  { code: '420000', short: '鄂', shortEn: 'HB', row: 4, col: 4 },
  { code: '340000', short: '皖', shortEn: 'AH', row: 4, col: 5 },
  { code: '320000', short: '苏', shortEn: 'JS', row: 4, col: 6 },
  { code: '530000', short: '云', shortEn: 'YN', row: 5, col: 2 },
  { code: '520000', short: '贵', shortEn: 'GZ', row: 5, col: 3 },
  { code: '430000', short: '湘', shortEn: 'HN', row: 5, col: 4 },
  { code: '360000', short: '赣', shortEn: 'JX', row: 5, col: 5 },
  { code: '330000', short: '浙', shortEn: 'ZJ', row: 5, col: 6 },
  { code: '310000', short: '沪', shortEn: 'SH', row: 5, col: 7 },
  { code: '450000', short: '桂', shortEn: 'GX', row: 6, col: 3 },
  { code: '440000', short: '粤', shortEn: 'GD', row: 6, col: 4 },
  { code: '350000', short: '闽', shortEn: 'FJ', row: 6, col: 5 },
  { code: '710000', short: '台', shortEn: 'TW', row: 6, col: 6 },
  { code: '460000', short: '琼', shortEn: 'HI', row: 7, col: 3 },
  { code: '820000', short: '澳', shortEn: 'MO', row: 7, col: 4 },
  { code: '810000', short: '港', shortEn: 'HK', row: 7, col: 5 },
];

const COLS = 8;
const ROWS = 8;

/** From pale to the brand blue by the share of the largest value; units without a figure stay grey. */
function colourOf(value: number | undefined, max: number) {
  if (value === undefined) return { background: '#f0f0f0', color: '#bfbfbf' };
  const share = max > 0 ? value / max : 0;
  const lightness = 94 - Math.round(share * 52);
  return { background: `hsl(214, 80%, ${lightness}%)`, color: lightness < 62 ? '#fff' : '#1f1f1f' };
}

/**
 * `values` by province code (a unit missing from it has no figure here: outside the jurisdiction, or
 * no data); `onSelect` makes the units with a figure clickable (drill-down).
 */
export default function ProvinceTileGrid({ values, names, onSelect, selected, unit, testId = 'province-tile-grid' }: { values: Record<string, number>; names?: Record<string, string>; onSelect?: (code: string) => void; selected?: string; unit: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const max = Math.max(0, ...Object.values(values));
  return (
    <div data-testid={testId}>
      <div role="list" style={{ display: 'grid', gridTemplateColumns: `repeat(${COLS}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${ROWS}, auto)`, gap: 4, maxWidth: 420, margin: '0 auto' }}>
        {PROVINCE_TILES.map((tile) => {
          const value = values[tile.code];
          const clickable = value !== undefined && !!onSelect;
          const name = names?.[tile.code] ?? (english ? tile.shortEn : tile.short);
          return (
            <Tooltip key={tile.code} title={value === undefined ? t('dashboard.tiles.noData', { name }) : t('dashboard.tiles.value', { name, value, unit })}>
              <div
                role="listitem"
                aria-label={name}
                data-code={tile.code}
                data-value={value ?? ''}
                onClick={clickable ? () => onSelect(tile.code) : undefined}
                style={{
                  gridRow: tile.row + 1,
                  gridColumn: tile.col + 1,
                  aspectRatio: '1',
                  borderRadius: 4,
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                  fontSize: 12,
                  lineHeight: 1.2,
                  cursor: clickable ? 'pointer' : 'default',
                  outline: selected === tile.code ? '2px solid #fa8c16' : undefined,
                  ...colourOf(value, max),
                }}
              >
                <span style={{ fontWeight: 600 }}>{english ? tile.shortEn : tile.short}</span>
                {value !== undefined && <span>{value}</span>}
              </div>
            </Tooltip>
          );
        })}
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: 8, fontSize: 12 }}>
        {t('dashboard.tiles.note')}
      </Typography.Text>
    </div>
  );
}
