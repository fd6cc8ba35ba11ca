using System.Globalization;

namespace Weft.Api.Model;

/// <summary>
/// A duration as Istio's APIs write it: Go's syntax (<c>1h30m</c>, <c>1.5s</c>, <c>100ms</c>), which
/// includes protobuf JSON's (<c>1.5s</c>). The text is kept as written; validation decides whether
/// it parses and is in range.
/// </summary>
public readonly record struct Duration(string Text)
{
    public static Duration FromTimeSpan(TimeSpan t) => new(Format(t));

    public bool TryGetValue(out TimeSpan value) => TryParse(Text, out value);

    /// <summary>The value, for durations that were validated already.</summary>
    public TimeSpan Value => TryParse(Text, out var v) ? v : throw new FormatException($"\"{Text}\" is not a duration");

    public override string ToString() => Text;

    /// <summary>Parses Go's duration syntax: a sequence of decimal numbers each with a unit (ns, us, µs, ms, s, m, h), or "0".</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
            return false;
        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s is "0")
            return true;
        if (s.IsEmpty)
            return false;
        decimal totalNanos = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                i++;
            if (i == 0 || s[..i] is "." )
                return false;
            if (!decimal.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.')
                j++;
            decimal unit = s[..j] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60m * 1_000_000_000m,
                "h" => 3600m * 1_000_000_000m,
                _ => -1m,
            };
            if (unit < 0)
                return false;
            s = s[j..];
            totalNanos += number * unit;
            if (totalNanos > (decimal)TimeSpan.MaxValue.Ticks * 100)
                return false;
        }
        var ticks = (long)(totalNanos / 100m);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats as Go does (<c>1h30m0s</c> becomes <c>1h30m</c>, fractions as <c>1.5s</c>, small as <c>250ms</c>).</summary>
    public static string Format(TimeSpan t)
    {
        if (t == TimeSpan.Zero)
            return "0s";
        if (t.Ticks % TimeSpan.TicksPerSecond != 0 && t < TimeSpan.FromSeconds(1))
        {
            if (t.Ticks % TimeSpan.TicksPerMillisecond == 0)
                return ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
            return (t.Ticks / 10.0).ToString(CultureInfo.InvariantCulture) + "us";
        }
        var sb = new System.Text.StringBuilder();
        if (t < TimeSpan.Zero)
        {
            sb.Append('-');
            t = -t;
        }
        if (t.TotalHours >= 1)
            sb.Append(((long)t.TotalHours).ToString(CultureInfo.InvariantCulture)).Append('h');
        if (t.Minutes > 0)
            sb.Append(t.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        var seconds = t.Seconds + (t.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        if (seconds > 0)
            sb.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
