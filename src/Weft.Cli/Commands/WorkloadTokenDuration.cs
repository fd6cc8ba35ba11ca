using System.Globalization;

namespace Weft.Cli.Commands;

/// <summary>Go-style durations for <c>--ttl</c> (<c>90s</c>, <c>30m</c>, <c>1h30m</c>), as istioctl and kubectl read them.</summary>
internal static class WorkloadTokenDuration
{
    /// <summary>The duration, or null when the text is not one (no unit, unknown unit, negative, empty).</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return null;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
                i++;
            TimeSpan? part = text[unitStart..i] switch
            {
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => null,
            };
            if (part is not { } p)
                return null;
            total += p;
        }
        return total;
    }
}
