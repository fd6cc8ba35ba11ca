using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A direct response body: text, or base64-encoded bytes.</summary>
[WireNullsAreAbsent]
public sealed record HttpBody
{
    public string? String { get; init; }
    public string? Bytes { get; init; }
}
