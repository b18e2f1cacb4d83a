import { Flex, Image, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { bookingLinks, type BookingStatus, hhmm, type Qualification, type Resource, yuan } from '../../api/booking';

const STATUS_COLOURS: Record<BookingStatus, string> = {
  pending: 'orange',
  confirmed: 'blue',
  checked_in: 'processing',
  completed: 'green',
  cancelled: 'default',
  rejected: 'red',
  no_show: 'magenta',
};

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`booking.status.${status}`)}</Tag>;
}

/** "120.00 元/小时（成本回收）". */
const QUAL_COLOURS: Record<Qualification['state'], string> = { valid: 'green', none: 'default', expired: 'red', lapsed: 'orange' };

/** A qualification's state (有效 / 已过期 / 长期未用失效) as a coloured tag: the desk's list and the maker's own. */
export function QualificationTag({ state }: { state: Qualification['state'] }) {
  const { t } = useTranslation();
  return <Tag color={QUAL_COLOURS[state]}>{t(`booking.qualifications.states.${state}`)}</Tag>;
}

export function FeeText({ r }: { r: Pick<Resource, 'priceFen' | 'feeUnit' | 'feeBasis'> }) {
  const { t } = useTranslation();
  if (r.priceFen === 0) return <>{t('booking.free')}</>;
  return (
    <>
      {yuan(r.priceFen)}/{t(`booking.units.${r.feeUnit}`)}（{t(`booking.feeBases.${r.feeBasis}`)}）
    </>
  );
}

/** 周一 08:00–22:00；周六 休息 … */
export function OpeningHoursText({ hours }: { hours: Resource['openingHours'] }) {
  const { t } = useTranslation();
  return (
    <>
      {hours
        .map((h, i) => `${t(`booking.weekdays.${i}`)} ${h ? `${hhmm(h.open)}–${hhmm(h.close)}` : t('booking.closed')}`)
        .join('；')}
    </>
  );
}

/** A Shanghai instant as "2026-12-03 09:30". */
export function shanghaiText(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-12-03 09:30–11:00", the end's day said only when it differs. */
export function rangeText(startsAt: string, endsAt: string): string {
  const a = shanghaiText(startsAt);
  const b = shanghaiText(endsAt);
  return `${a}–${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b}`;
}

/** Today's Shanghai day, YYYY-MM-DD. */
export const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** The instant a Shanghai day starts, with its offset. */
export const dayStart = (day: string) => `${day}T00:00:00+08:00`;
/** The Shanghai day after `day`. */
export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A resource's photos, the cover first, each opening a larger preview. `publicPath`: served to anyone
 * (a filed space's active resource, as the search and the public page list); otherwise through the
 * signed-in path, which also serves the space's staff an inactive resource's photos.
 */
export function ResourcePhotos({ resourceId, name, photoIds, size = 96, publicPath = false }: { resourceId: string; name: string; photoIds: string[]; size?: number; publicPath?: boolean }) {
  const { t } = useTranslation();
  if (!photoIds.length) return null;
  const src = (fileId: string) => (publicPath ? bookingLinks.publicPhoto(resourceId, fileId) : bookingLinks.photo(resourceId, fileId));
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8} data-testid="resource-photo-strip">
        {photoIds.map((fileId, n) => (
          <Image key={fileId} src={src(fileId)} alt={t('booking.photos.alt', { name, n: n + 1 })} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
