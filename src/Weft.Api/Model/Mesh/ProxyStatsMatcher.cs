using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyConfig.ProxyStatsMatcher: extra Envoy stats to create, by prefix, suffix or regular expression.</summary>
[WireNullsAreAbsent]
public sealed record ProxyStatsMatcher
{
    public IReadOnlyList<string>? InclusionPrefixes { get; init; }
    public IReadOnlyList<string>? InclusionSuffixes { get; init; }
    public IReadOnlyList<string>? InclusionRegexps { get; init; }
}
