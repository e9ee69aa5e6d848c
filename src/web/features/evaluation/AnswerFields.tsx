import { Group, Radio, Textarea } from '@mantine/core';

const SCALE = ['1', '2', '3', '4', '5'];

/** One question on the scale 1–5, in a row; the group's description says what the ends mean. */
export function ScaleQuestion({
  label,
  description,
  value,
  onChange,
}: {
  label: string;
  description: string;
  value: number | undefined;
  onChange: (value: number) => void;
}) {
  return (
    <Radio.Group
      label={label}
      description={description}
      value={value === undefined ? null : String(value)}
      onChange={(v) => onChange(Number(v))}
    >
      <Group gap="lg" mt="xs">
        {SCALE.map((level) => (
          <Radio key={level} value={level} label={level} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/** An optional free-text answer of a form (comments, examples), growing with its text. */
export function FreeText({
  label,
  value,
  onChange,
  max,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
}) {
  return (
    <Textarea
      label={label}
      autosize
      minRows={2}
      maxLength={max}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
