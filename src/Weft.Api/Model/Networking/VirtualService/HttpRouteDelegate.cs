using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The VirtualService (name, namespace) an HTTP rule hands its matching requests to.</summary>
[WireNullsAreAbsent]
public sealed record HttpRouteDelegate
{
    public string? Name { get; init; }
    public string? Namespace { get; init; }
}
