using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A fixed response (status and optional body) instead of forwarding.</summary>
[WireNullsAreAbsent]
public sealed record HttpDirectResponse
{
    public uint? Status { get; init; }
    public HttpBody? Body { get; init; }
}
