using System.Text;
using Weft.Discovery.Telemetry;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// The Telemetry API's metric overrides applied where they cost nothing per request: at scrape
/// time, to the rendered label sets. A disabled metric of a reporter is left out; removed tags
/// disappear (series that become equal are added together by the writer); upserted tags get
/// their fixed value.
/// </summary>
public sealed class MetricRewriter
{
    public static readonly MetricRewriter None = new([]);

    private readonly MetricOverride[] _overrides;

    public MetricRewriter(IEnumerable<MetricOverride> overrides) => _overrides = [.. overrides];

    public bool IsEmpty => _overrides.Length == 0;

    /// <summary>The labels as this metric shows them, or null when the metric is disabled for their reporter.</summary>
    public string? Rewrite(string istioMetric, string labels)
    {
        if (_overrides.Length == 0)
            return labels;
        List<(string Name, string Value)>? pairs = null;
        string? reporter = null;
        var disabled = false;
        foreach (var o in _overrides)
        {
            if (o.Metric != "ALL_METRICS" && o.Metric != istioMetric)
                continue;
            if (o.Reporter is not null)
            {
                reporter ??= ReporterOf(labels);
                if (o.Reporter != reporter)
                    continue;
            }
            if (o.Disabled is { } d)
                disabled = d;
            if (o.Tags.IsDefaultOrEmpty)
                continue;
            pairs ??= Parse(labels);
            foreach (var t in o.Tags)
            {
                var i = pairs.FindIndex(p => p.Name == t.Name);
                if (t.Remove)
                {
                    if (i >= 0)
                        pairs.RemoveAt(i);
                }
                else if (i >= 0)
                    pairs[i] = (t.Name, t.Value ?? "");
                else
                    pairs.Add((t.Name, t.Value ?? ""));
            }
        }
        if (disabled)
            return null;
        if (pairs is null)
            return labels;
        var sb = new StringBuilder(labels.Length);
        foreach (var (name, value) in pairs)
            sb.Pair(name, value);
        return sb.ToString();
    }

    private static string? ReporterOf(string labels)
    {
        const string prefix = "reporter=\"";
        return labels.StartsWith(prefix, StringComparison.Ordinal) ? labels[prefix.Length..labels.IndexOf('"', prefix.Length)] : null;
    }

    /// <summary>Label pairs back from <c>a="x",b="y\"z"</c> (escapes undone).</summary>
    public static List<(string Name, string Value)> Parse(string labels)
    {
        var result = new List<(string, string)>();
        var i = 0;
        while (i < labels.Length)
        {
            var eq = labels.IndexOf('=', i);
            if (eq < 0)
                break;
            var name = labels[i..eq];
            var sb = new StringBuilder();
            var j = eq + 2;   // past ="
            for (; j < labels.Length && labels[j] != '"'; j++)
            {
                if (labels[j] == '\\' && j + 1 < labels.Length)
                {
                    j++;
                    sb.Append(labels[j] == 'n' ? '\n' : labels[j]);
                }
                else
                    sb.Append(labels[j]);
            }
            result.Add((name, sb.ToString()));
            i = j + 2;   // past ",
        }
        return result;
    }
}
