using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>An HTTP filter inside the HTTP connection manager, by name.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterSubFilterMatch
{
    public string? Name { get; init; }
}
