using System.Globalization;
using System.Net;

namespace Weft.Bench.Tools;

/// <summary>
/// <c>--name value</c> pairs (and bare <c>--flag</c>s), read into a dictionary first; each
/// getter adds a precise error instead of throwing, so a command reports every problem at once.
/// </summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public List<string> Errors { get; } = [];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                o.Errors.Add($"unexpected argument '{a}': options are written --name value");
                continue;
            }
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            o._values[a] = hasValue ? args[++i] : null;
        }
        return o;
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public string? String(string name, string? fallback = null, bool required = false)
    {
        if (_values.TryGetValue(name, out var v) && v is not null)
            return v;
        if (required)
            Errors.Add($"option '{name}' is required");
        return fallback;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        var s = String(name);
        if (s is null)
            return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            Errors.Add($"cannot parse '{s}' for option '{name}': expected a number from {min} to {max}");
            return fallback;
        }
        return v;
    }

    public IPEndPoint? Endpoint(string name, bool required = true)
    {
        var s = String(name, required: required);
        if (s is null)
            return null;
        if (!IPEndPoint.TryParse(s, out var ep) || ep.Port == 0)
        {
            Errors.Add($"cannot parse '{s}' for option '{name}': expected IP:PORT such as 127.0.0.1:8080");
            return null;
        }
        return ep;
    }

    /// <summary>Errors for options nobody asked about, so a typo never passes silently.</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var name in _values.Keys)
            if (Array.IndexOf(known, name) < 0)
                Errors.Add($"unknown option '{name}': expected one of {string.Join(", ", known)}");
    }
}
