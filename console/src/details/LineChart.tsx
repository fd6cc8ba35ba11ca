// A small SVG line chart (no chart library in the bundle): one or more series over shared
// timestamps, a y axis from 0 to the largest value, gaps where a value is missing.

export interface Line { name: string; colour: string; values: (number | null)[] }

const W = 460, H = 170, L = 48, R = 10, T = 10, B = 24;

function nice(max: number) {
  if (max <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function fmt(v: number) { return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2); }

export function LineChart({ title, unit, timestamps, lines, testId }: { title: string; unit: string; timestamps: number[]; lines: Line[]; testId?: string }) {
  const points = lines.reduce((n, l) => n + l.values.filter(v => v != null).length, 0);
  const max = nice(Math.max(0, ...lines.flatMap(l => l.values.filter((v): v is number => v != null))));
  const t0 = timestamps[0] ?? 0, t1 = timestamps[timestamps.length - 1] ?? 1;
  const x = (t: number) => L + ((W - L - R) * (t - t0)) / Math.max(t1 - t0, 1);
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const path = (values: (number | null)[]) => {
    let d = '', pen = false;
    values.forEach((v, i) => {
      if (v == null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(timestamps[i]).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d;
  };
  const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <figure className="weft-chart" data-testid={testId} data-points={points}>
      <figcaption><strong>{title}</strong> <small>({unit})</small></figcaption>
      <svg width={W} height={H} role="img" aria-label={title}>
        {[0, 0.5, 1].map(f => (
          <g key={f}>
            <line x1={L} x2={W - R} y1={y(max * f)} y2={y(max * f)} stroke="#d2d2d2" strokeDasharray={f ? '3 3' : undefined} />
            <text x={L - 4} y={y(max * f) + 4} fontSize={10} textAnchor="end">{fmt(max * f)}</text>
          </g>
        ))}
        {timestamps.length > 1 && <>
          <text x={L} y={H - 6} fontSize={10}>{time(t0)}</text>
          <text x={W - R} y={H - 6} fontSize={10} textAnchor="end">{time(t1)}</text>
        </>}
        {lines.map(l => <path key={l.name} d={path(l.values)} fill="none" stroke={l.colour} strokeWidth={2} />)}
        {points === 0 && <text x={(W + L) / 2} y={H / 2} fontSize={12} textAnchor="middle" fill="#6a6e73">No data in this window</text>}
      </svg>
      <div className="weft-chart-legend">
        {lines.map(l => <span key={l.name}><span className="weft-swatch" style={{ background: l.colour }} />{l.name}</span>)}
      </div>
    </figure>
  );
}
