using Weft.Api.Model;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// The Gateway API's named scalar types (shared_types.go: Group, Kind, ObjectName, Namespace,
/// SectionName, Hostname, PortNumber, HeaderName, Duration ...) with their CRD limits. Each
/// returns the first schema error, or null; null values are not checked (callers check required).
/// </summary>
internal static class GatewayApiFields
{
    public static FieldError? Group(string path, string? v) => OpenApi.String(path, v, maxLength: 253, pattern: GatewayApiPatterns.Group);

    public static FieldError? Kind(string path, string? v) => OpenApi.String(path, v, 1, 63, GatewayApiPatterns.Kind);

    public static FieldError? ObjectName(string path, string? v) => OpenApi.String(path, v, 1, 253);

    public static FieldError? Namespace(string path, string? v) => OpenApi.String(path, v, 1, 63, GatewayApiPatterns.Namespace);

    public static FieldError? SectionName(string path, string? v) => OpenApi.String(path, v, 1, 253, GatewayApiPatterns.SectionName);

    /// <summary>A host name that may start with a <c>*.</c> wildcard label.</summary>
    public static FieldError? Hostname(string path, string? v) => OpenApi.String(path, v, 1, 253, GatewayApiPatterns.Hostname);

    /// <summary>A host name without wildcard.</summary>
    public static FieldError? PreciseHostname(string path, string? v) => OpenApi.String(path, v, 1, 253, GatewayApiPatterns.PreciseHostname);

    public static FieldError? Port(string path, int? v) => OpenApi.Number(path, v, 1, 65535);

    public static FieldError? HeaderName(string path, string? v) => OpenApi.String(path, v, 1, 256, GatewayApiPatterns.HeaderName);

    /// <summary>GEP-2257 durations: up to four number-unit pairs of h, m, s, ms (<c>1h30m</c>, <c>500ms</c>).</summary>
    public static FieldError? Duration(string path, Duration? v) => v is { } d ? OpenApi.String(path, d.Text, pattern: GatewayApiPatterns.Duration) : null;

    public static FieldError? Weight(string path, int? v) => OpenApi.Number(path, v, 0, 1_000_000);

    /// <summary>Implementation-specific TLS options: at most 16, values of at most 4096 characters.</summary>
    public static void TlsOptions(List<FieldError> e, string at, IReadOnlyDictionary<string, string>? options)
    {
        if (options is null)
            return;
        e.AddIf(OpenApi.Properties(at, options.Count, 16));
        foreach (var (k, v) in options)
            e.AddIf(OpenApi.String(FieldPath.Key(at, k), v, 0, 4096));
    }

    /// <summary>Adds a Required error when the value is absent, else the value's own error.</summary>
    public static void Require<T>(List<FieldError> errors, string path, T? value, Func<string, T?, FieldError?>? check = null)
    {
        if (value is null)
            errors.Add(OpenApi.Required(path));
        else
            errors.AddIf(check?.Invoke(path, value));
    }
}
