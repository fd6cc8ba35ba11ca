using System.Globalization;

namespace Weft.Cli.Output;

/// <summary>Ages as kubectl prints them (HumanDuration): 45s, 3m20s, 47m, 5h10m, 20h, 3d4h, 40d, 2y3d.</summary>
public static class Age
{
    public static string Since(string? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return "<unknown>";
        return Format(now - t);
    }

    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
            d = TimeSpan.Zero;
        var s = (long)d.TotalSeconds;
        if (s < 120)
            return $"{s}s";
        var m = s / 60;
        if (m < 10)
            return s % 60 == 0 ? $"{m}m" : $"{m}m{s % 60}s";
        if (m < 180)
            return $"{m}m";
        var h = m / 60;
        if (h < 8)
            return m % 60 == 0 ? $"{h}h" : $"{h}h{m % 60}m";
        if (h < 48)
            return $"{h}h";
        var days = h / 24;
        if (days < 8)
            return h % 24 == 0 ? $"{days}d" : $"{days}d{h % 24}h";
        if (days < 365 * 2)
            return $"{days}d";
        var y = days / 365;
        return days % 365 == 0 ? $"{y}y" : $"{y}y{days % 365}d";
    }
}
