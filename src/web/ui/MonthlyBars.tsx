import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useFormat } from './format.ts';

/**
 * A bar per month (YYYY-MM keys). The chart is an image for sighted users with a short text alternative
 * (`alt`); the page's table beside it carries every figure for everyone.
 */
export function MonthlyBars({
  months,
  alt,
  height = 220,
}: {
  months: { key: string; value: number }[];
  alt: string;
  height?: number;
}) {
  const format = useFormat();
  return (
    <div role="img" aria-label={alt} style={{ width: '100%', height }}>
      {/* the picture is the box's: its parts are no objects of their own to a screen reader */}
      <ResponsiveContainer aria-hidden>
        <BarChart
          accessibilityLayer={false}
          data={months.map((m) => ({ month: format.month(m.key), value: m.value }))}
        >
          <CartesianGrid stroke="#d0d0d0" vertical={false} />
          <XAxis dataKey="month" stroke="#333" />
          <YAxis stroke="#333" width={90} tickFormatter={(value: number) => format.number(value, 0)} />
          <Bar dataKey="value" fill="#1f4e8c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
