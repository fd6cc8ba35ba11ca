namespace Weft.Api.Model.Istio;

/// <summary>istio.type.v1beta1.PortSelector: one destination port a plugin applies to.</summary>
public sealed record PortSelector
{
    public uint? Number { get; init; }
}
