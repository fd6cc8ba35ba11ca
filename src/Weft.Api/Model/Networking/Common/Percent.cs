using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A percentage in 0.0..100.0 (fault injection, mirroring).</summary>
[WireNullsAreAbsent]
public sealed record Percent
{
    public double? Value { get; init; }
}
