using Weft.Discovery.Telemetry;

namespace Weft.ControlPlane.Telemetry.Traces;

/// <summary>
/// weftd's built-in trace store: the spans OTLP brought, grouped by trace, the oldest trace
/// forgotten first once <see cref="MaxSpans"/> are held, so memory stays bounded.
/// </summary>
public sealed class TraceStore(int maxSpans = 50_000)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<OtlpSpan>> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private int _spans;

    public int MaxSpans { get; } = maxSpans;

    public void Add(IEnumerable<OtlpSpan> spans)
    {
        lock (_lock)
        {
            foreach (var s in spans)
            {
                if (!_traces.TryGetValue(s.TraceId, out var list))
                {
                    _traces[s.TraceId] = list = [];
                    _order.AddLast(s.TraceId);
                }
                list.Add(s);
                _spans++;
            }
            while (_spans > MaxSpans && _order.First is { } oldest)
            {
                _spans -= _traces[oldest.Value].Count;
                _traces.Remove(oldest.Value);
                _order.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<OtlpSpan>? Trace(string traceId)
    {
        lock (_lock)
            return _traces.TryGetValue(traceId.ToLowerInvariant(), out var list) ? [.. list] : null;
    }

    public IReadOnlyList<string> Services()
    {
        lock (_lock)
            return [.. _traces.Values.SelectMany(l => l).Select(s => s.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Operations(string service)
    {
        lock (_lock)
            return [.. _traces.Values.SelectMany(l => l).Where(s => s.Service == service).Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The newest traces with a span of <paramref name="service"/> (and operation), started after <paramref name="sinceUnixNano"/>.</summary>
    public IReadOnlyList<IReadOnlyList<OtlpSpan>> Find(string? service, string? operation, long sinceUnixNano, int limit)
    {
        lock (_lock)
        {
            var result = new List<IReadOnlyList<OtlpSpan>>();
            for (var node = _order.Last; node is not null && result.Count < limit; node = node.Previous)
            {
                var spans = _traces[node.Value];
                if (spans.Any(s => (service is null || s.Service == service) && (operation is null || s.Name == operation) && s.StartUnixNano >= sinceUnixNano))
                    result.Add([.. spans]);
            }
            return result;
        }
    }
}
