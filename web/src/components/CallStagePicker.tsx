import { Empty, Flex, Select } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { onlyStage, useStagesMine, type StageKind } from '../api/stages';
import { currentLanguage } from '../i18n';

/**
 * The call and stage a stage page works on, from the stages the server says the user works
 * (GET /api/stages/mine): a call with one such stage has it picked at once; a link may pick both.
 */
export function useCallStage(kind: StageKind) {
  const calls = useStagesMine(kind);
  // The workbench links a to-do here with its call and stage picked (?callId=&stageKey=).
  const [params] = useSearchParams();
  const [callId, setCallId] = useState(params.get('callId') ?? undefined);
  const [stageKey, setStageKey] = useState(params.get('stageKey') ?? undefined);
  const stages = calls.data?.find((c) => c.call.id === callId)?.stages ?? [];
  return {
    calls,
    callId,
    stageKey,
    stages,
    stage: stages.find((s) => s.key === stageKey),
    /** The user works no stage of this kind in any published call. */
    nothing: calls.isSuccess && calls.data.length === 0,
    pickCall: (id: string) => {
      setCallId(id);
      setStageKey(onlyStage(calls.data?.find((c) => c.call.id === id)));
    },
    pickStage: setStageKey,
  };
}

/** The call select, and the stage select when the call has several stages the user works. */
export function CallStagePicker({
  picked,
  labels,
  testId,
}: {
  picked: ReturnType<typeof useCallStage>;
  labels: { call: string; stage: string; nothing: string };
  /** Prefix of the selects' test ids (`<prefix>-call`, `<prefix>-stage`). */
  testId: string;
}) {
  const zh = currentLanguage() !== 'en-US';
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Select
        placeholder={labels.call}
        style={{ minWidth: 360 }}
        loading={picked.calls.isLoading}
        value={picked.callId}
        options={picked.calls.data?.map((c) => ({ value: c.call.id, label: c.call.title }))}
        onChange={picked.pickCall}
        notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={labels.nothing} />}
        data-testid={`${testId}-call`}
      />
      {picked.stages.length > 1 && (
        <Select
          placeholder={labels.stage}
          style={{ minWidth: 200 }}
          value={picked.stageKey}
          options={picked.stages.map((s) => ({ value: s.key, label: zh ? s.name : s.nameEn }))}
          onChange={picked.pickStage}
          data-testid={`${testId}-stage`}
        />
      )}
    </Flex>
  );
}
