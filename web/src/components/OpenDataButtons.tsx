import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';

/** The CSV and JSON downloads of a public list (open data under the list's filters), test ids `<testId>-csv|json`. */
export function OpenDataButtons({ href, testId }: { href: (format: 'csv' | 'json') => string; testId: string }) {
  return (
    <Space wrap>
      {(['csv', 'json'] as const).map((format) => (
        <Button key={format} size="small" icon={<DownloadOutlined />} href={href(format)} data-testid={`${testId}-${format}`}>
          {format.toUpperCase()}
        </Button>
      ))}
    </Space>
  );
}
