using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyHeaders.MetadataExchangeHeaders: when x-envoy-peer-metadata headers are sent.</summary>
[WireNullsAreAbsent]
public sealed record MetadataExchangeHeaders
{
    public MetadataExchangeMode? Mode { get; init; }
}
