using System.Globalization;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// Reads Prometheus' text exposition (what proxies serve on /stats/prometheus): one sample per
/// line, <c>name{labels} value [timestamp]</c>; comments and blank lines are skipped.
/// </summary>
public static class PrometheusText
{
    /// <summary>One sample: the metric name, the label text between the braces as written, and the value.</summary>
    public readonly record struct Sample(string Name, string Labels, double Value);

    public static IEnumerable<Sample> Parse(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
                continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            string name, labels, rest;
            if (brace >= 0 && (space < 0 || brace < space))
            {
                var close = ClosingBrace(line, brace);
                if (close < 0)
                    continue;
                name = line[..brace];
                labels = line[(brace + 1)..close];
                rest = line[(close + 1)..].Trim();
            }
            else if (space > 0)
            {
                name = line[..space];
                labels = "";
                rest = line[(space + 1)..].Trim();
            }
            else
                continue;
            var valueText = rest.Split(' ', 2)[0];
            var value = valueText switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
            };
            if (!double.IsNaN(value))
                yield return new Sample(name, labels, value);
        }
    }

    // The brace that closes the label set, skipping braces inside quoted values.
    private static int ClosingBrace(string line, int open)
    {
        var quoted = false;
        for (var i = open + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == '}')
                return i;
        }
        return -1;
    }

    /// <summary>The label pairs of a label text (escapes undone).</summary>
    public static Dictionary<string, string> Labels(string labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < labels.Length)
        {
            var eq = labels.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= labels.Length || labels[eq + 1] != '"')
                break;
            var name = labels[i..eq].Trim(' ', ',');
            var sb = new System.Text.StringBuilder();
            var j = eq + 2;
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
            result[name] = sb.ToString();
            i = j + 1;
            while (i < labels.Length && (labels[i] == ',' || labels[i] == ' '))
                i++;
        }
        return result;
    }
}
