using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>SDS (deprecated): secret discovery settings of old proxies.</summary>
[WireNullsAreAbsent]
public sealed record SdsSettings
{
    public bool? Enabled { get; init; }
    public string? K8sSaJwtPath { get; init; }
}
