import { Card, Text } from '@mantine/core';

/** One key figure in a row of them: what it is, then the figure, large. */
export function KeyFigure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
}
