import { Flex, Spin } from 'antd';

/** Shown while a page's code or the signed-in user is loading. */
export function PageSpinner() {
  return (
    <Flex justify="center" style={{ padding: '20vh 0' }}>
      <Spin size="large" />
    </Flex>
  );
}
