using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A header sent with an HTTP readiness check.</summary>
[WireNullsAreAbsent]
public sealed record HttpHeader
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
