using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ExtensionProvider.SDSProvider: a Secret Discovery Service serving gateway credentials.</summary>
[WireNullsAreAbsent]
public sealed record SdsProvider
{
    /// <summary>The cluster name the proxy uses for it.</summary>
    public string? Name { get; init; }
    public string? Service { get; init; }
    public uint? Port { get; init; }
}
