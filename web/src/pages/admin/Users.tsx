import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type NewUserBody, type UserEditBody, type UserOp } from '../../api/admin';
import { can } from '../../api/session';
import { ADMIN_POWERS, type AdminUser, type Role, ROLES } from '../../api/types';
import { useCurrentUser } from '../../app/currentUser';
import { CreateModal } from '../../components/CreateModal';
import { OrgSelect } from '../../components/OrgSelect';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';

const LIST_KEY = 'admin-users';

const DONE_KEYS: Record<UserOp, string> = { disable: 'disable', enable: 'enable', unlock: 'unlock', 'sessions/revoke': 'revoke' };

interface Filters {
  q?: string;
  orgId?: string;
  role?: string;
  status?: string;
}

type NewUser = NewUserBody;
type UserEdit = Omit<UserEditBody, 'email' | 'mobile'> & { email?: string; mobile?: string };

/** Administrator accounts are created, edited, disabled and enabled only through the CLI (三权分立; the server refuses). */
const isAdminPower = (role: Role) => (ADMIN_POWERS as readonly Role[]).includes(role);

/**
 * Accounts. The system administrator creates, edits, disables and enables them and resets their
 * passwords (other than the three administrator powers); the security administrator sees the same
 * list and unlocks accounts or ends their sessions (三权分立).
 */
export default function Users() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewUser>();
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [editForm] = Form.useForm<UserEdit>();
  const reset = useAction(
    (user: AdminUser) => adminApi.resetPassword(user.id),
    [[LIST_KEY]],
    (r, user) => {
      // The temporary password is shown this once: the server keeps only its hash.
      modal.success({
        title: t('users.resetDone', { name: user.displayName }),
        content: (
          <>
            <Typography.Paragraph>{t('users.resetShownOnce')}</Typography.Paragraph>
            <Typography.Text code copyable strong data-testid="temporary-password">
              {r.temporaryPassword}
            </Typography.Text>
          </>
        ),
        okText: t('common.ok'),
      });
      return t('users.resetToast', { name: user.displayName, count: r.sessionsEnded });
    },
  );
  const act = useAction(
    ({ user, op }: { user: AdminUser; op: UserOp }) => adminApi.userAction(user.id, op),
    [[LIST_KEY]],
    (r, { user, op }) => t(`users.done.${DONE_KEYS[op]}`, { name: user.displayName, count: r.sessionsEnded ?? 0 }),
  );

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const grantableRoles = roleOptions.filter((o) => !isAdminPower(o.value));
  const confirm = (content: string, onOk: () => void) =>
    modal.confirm({ content, onOk, okText: t('common.ok'), cancelText: t('common.cancel') });

  return (
    <Card title={t('users.title')}>
      <PagedTable<AdminUser, Filters>
        queryKey={LIST_KEY}
        list={adminApi.users}
        rowKey="id"
        emptyText={t('users.empty')}
        filters={
          <>
            <Form.Item name="q" label={t('users.q')}>
              <Input allowClear style={{ width: 160 }} />
            </Form.Item>
            {can(me, 'org.list') && (
              <Form.Item name="orgId" label={t('users.org')}>
                <OrgSelect allowClear />
              </Form.Item>
            )}
            <Form.Item name="role" label={t('users.role')}>
              <Select allowClear options={roleOptions} style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name="status" label={t('users.status')}>
              <Select
                allowClear
                style={{ width: 100 }}
                options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.statusValue.${s}`) }))}
              />
            </Form.Item>
          </>
        }
        toolbar={
          can(me, 'user.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
        columns={[
          { title: t('users.username'), key: 'username', sorter: true, dataIndex: 'username' },
          { title: t('users.displayName'), key: 'displayName', sorter: true, dataIndex: 'displayName' },
          { title: t('users.org'), key: 'org', sorter: true, render: (_, u) => u.org.name },
          {
            title: t('users.role'),
            dataIndex: 'roles',
            render: (roles: AdminUser['roles']) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
          },
          {
            title: t('users.status'),
            key: 'status',
            sorter: true,
            render: (_, u) => (
              <Flex gap={4}>
                <Tag color={u.status === 'active' ? 'green' : 'default'}>{t(`users.statusValue.${u.status}`)}</Tag>
                {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
              </Flex>
            ),
          },
          { title: t('users.lastLoginAt'), key: 'lastLoginAt', sorter: true, dataIndex: 'lastLoginAt', render: formatDateTime },
          { title: t('users.createdAt'), key: 'createdAt', sorter: true, dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, u) => {
              if (u.id === me.user.id) return null;
              const manageable = !u.roles.some(isAdminPower);
              return (
                <Flex gap={4} wrap>
                  {can(me, 'user.update') && manageable && (
                    <Button size="small" onClick={() => setEditing(u)}>
                      {t('users.edit')}
                    </Button>
                  )}
                  {can(me, 'user.password.reset') && manageable && (
                    <Button size="small" onClick={() => confirm(t('users.resetConfirm', { name: u.displayName }), () => reset.mutate(u))}>
                      {t('users.resetPassword')}
                    </Button>
                  )}
                  {can(me, 'user.disable') && manageable && u.status === 'active' && (
                    <Button size="small" danger onClick={() => confirm(t('users.disableConfirm', { name: u.displayName }), () => act.mutate({ user: u, op: 'disable' }))}>
                      {t('users.disable')}
                    </Button>
                  )}
                  {can(me, 'user.enable') && manageable && u.status === 'disabled' && (
                    <Button size="small" onClick={() => act.mutate({ user: u, op: 'enable' })}>
                      {t('users.enable')}
                    </Button>
                  )}
                  {can(me, 'user.unlock') && u.locked && (
                    <Button size="small" onClick={() => act.mutate({ user: u, op: 'unlock' })}>
                      {t('users.unlock')}
                    </Button>
                  )}
                  {can(me, 'user.sessions.kill') && (
                    <Button size="small" onClick={() => confirm(t('users.revokeConfirm', { name: u.displayName }), () => act.mutate({ user: u, op: 'sessions/revoke' }))}>
                      {t('users.revoke')}
                    </Button>
                  )}
                </Flex>
              );
            },
          },
        ]}
      />
      {can(me, 'user.create') && (
      <CreateModal<NewUser>
        open={creating}
        title={t('users.create')}
        onClose={() => setCreating(false)}
        form={form}
        listKey={LIST_KEY}
        submit={({ email, mobile, ...rest }) => adminApi.createUser({ ...rest, email: email || undefined, mobile: mobile || undefined })}
      >
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, whitespace: true, message: t('users.usernameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={
            <>
              {t('users.passwordHint')}
              <br />
              {t('password.rules')}
            </>
          }
          rules={[{ required: true, message: t('users.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="roles" label={t('users.role')} extra={t('users.adminByCli')} rules={[{ required: true, message: t('users.rolesRequired') }]}>
          <Select mode="multiple" options={grantableRoles} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="mobile" label={t('users.mobile')}>
          <Input />
        </Form.Item>
      </CreateModal>
      )}
      {can(me, 'user.update') && editing && (
        <CreateModal<UserEdit>
          open
          title={t('users.editTitle', { name: editing.username })}
          onClose={() => setEditing(null)}
          form={editForm}
          listKey={LIST_KEY}
          initialValues={{ displayName: editing.displayName, orgId: editing.org.id, roles: editing.roles, email: editing.email ?? '' }}
          // The mobile is listed masked: the form sends one only to replace it.
          submit={({ email, mobile, ...rest }) => adminApi.updateUser(editing.id, { ...rest, email: email || null, ...(mobile ? { mobile } : {}) })}
        >
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="orgId" label={t('users.org')} extra={t('users.currentOrg', { name: editing.org.name })} rules={[{ required: true, message: t('users.orgRequired') }]}>
            <OrgSelect />
          </Form.Item>
          <Form.Item name="roles" label={t('users.role')} extra={t('users.adminByCli')} rules={[{ required: true, message: t('users.rolesRequired') }]}>
            <Select mode="multiple" options={grantableRoles} />
          </Form.Item>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="mobile" label={t('users.newMobile')} extra={t('users.newMobileHint', { current: editing.mobile ?? '—' })}>
            <Input />
          </Form.Item>
        </CreateModal>
      )}
    </Card>
  );
}
