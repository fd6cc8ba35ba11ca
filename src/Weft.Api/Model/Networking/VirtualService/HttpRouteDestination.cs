using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A weighted destination of an HTTP rule, with its own header changes.</summary>
[WireNullsAreAbsent]
public sealed record HttpRouteDestination
{
    public Destination? Destination { get; init; }
    public int? Weight { get; init; }
    public Headers? Headers { get; init; }
}
