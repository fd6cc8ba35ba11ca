using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>An HTTP GET readiness check.</summary>
[WireNullsAreAbsent]
public sealed record HttpHealthCheckConfig
{
    public string? Path { get; init; }
    public uint? Port { get; init; }
    public string? Host { get; init; }

    /// <summary>HTTP or HTTPS.</summary>
    public string? Scheme { get; init; }

    public IReadOnlyList<HttpHeader>? HttpHeaders { get; init; }
}
