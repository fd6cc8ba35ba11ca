using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Header changes applied to requests before forwarding and to responses before returning them.</summary>
[WireNullsAreAbsent]
public sealed record Headers
{
    public HeaderOperations? Request { get; init; }
    public HeaderOperations? Response { get; init; }
}
