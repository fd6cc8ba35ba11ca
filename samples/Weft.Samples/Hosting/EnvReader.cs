using System.Collections;
using System.Globalization;

namespace Weft.Samples.Hosting;

/// <summary>
/// Environment variables with their defaults, read once at start. Every bad value is collected
/// (name, value, what was expected) so the process reports them all and exits before serving.
/// An empty variable counts as unset, as the demo's Go code treats it.
/// </summary>
public sealed class EnvReader(IReadOnlyDictionary<string, string> variables)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public static EnvReader FromProcess()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string k && e.Value is string v)
                all[k] = v;
        return new EnvReader(all);
    }

    public void Fail(string message) => _errors.Add(message);

    public string? Text(string name) =>
        variables.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    /// <summary>A service's base URL (<c>http://cars.travel-agency:8000</c>), without a trailing slash.</summary>
    public string BaseUrl(string name, string fallback)
    {
        var raw = Text(name) ?? fallback;
        if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
            return raw.TrimEnd('/');
        _errors.Add($"{name}={raw}: expected an absolute http:// or https:// URL, e.g. http://cars.travel-agency:8000");
        return fallback.TrimEnd('/');
    }

    /// <summary>
    /// The version of this instance: CURRENT_VERSION (the travel demo's variable) or
    /// SERVICE_VERSION (Bookinfo's), whichever the demo reads first, else <paramref name="fallback"/>.
    /// </summary>
    public string Version(string fallback, bool bookinfoFirst = false) => bookinfoFirst
        ? Text("SERVICE_VERSION") ?? Text("CURRENT_VERSION") ?? fallback
        : Text("CURRENT_VERSION") ?? Text("SERVICE_VERSION") ?? fallback;

    public int Int(string name, int fallback, int min, int max)
    {
        var raw = Text(name);
        if (raw is null)
            return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        _errors.Add($"{name}={raw}: expected a whole number from {min} to {max}");
        return fallback;
    }

    /// <summary>True only for "true" (any case), as the demo reads CHAOS_MONKEY.</summary>
    public bool Flag(string name) => string.Equals(Text(name), "true", StringComparison.OrdinalIgnoreCase);
}
