using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.ProxyMatch: proxies by version (a regex) and node metadata.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterProxyMatch
{
    public string? ProxyVersion { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
