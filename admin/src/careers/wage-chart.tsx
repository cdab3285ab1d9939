import { LineChart } from '@mui/x-charts/LineChart';
import { PATH_COLORS } from './ladder-graph.tsx';
import { type CareerPath, money, wagesAlong } from './queries.ts';

/** Median annual wage at the start and after each step, one line per path. */
export function WageChart({ paths }: { paths: readonly CareerPath[] }) {
  const longest = Math.max(...paths.map((p) => p.steps.length));
  const series = paths.map((path, i) => {
    const wages = wagesAlong(path);
    return {
      id: `path-${i + 1}`,
      label: `${i + 1}. ${path.steps.at(-1)!.to.name}`,
      data: Array.from({ length: longest + 1 }, (_, k) => (k < wages.length ? wages[k] : null)),
      valueFormatter: (v: number | null) => money(v),
      connectNulls: false,
      // the same colour as the path's arrows in the ladder
      color: PATH_COLORS[i % PATH_COLORS.length],
    };
  });
  return (
    <div data-testid="wage-chart">
      <LineChart
        height={300}
        xAxis={[
          {
            data: Array.from({ length: longest + 1 }, (_, k) => k),
            scaleType: 'point',
            valueFormatter: (k: number) => (k === 0 ? 'start' : `step ${k}`),
          },
        ]}
        yAxis={[{ valueFormatter: (v: number) => `$${Math.round(v / 1000)}k`, width: 60 }]}
        series={series}
        slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'bottom', horizontal: 'center' } } }}
      />
    </div>
  );
}
