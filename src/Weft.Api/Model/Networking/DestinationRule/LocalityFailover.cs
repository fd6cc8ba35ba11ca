using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The region traffic fails over to when its own region's endpoints are unhealthy.</summary>
[WireNullsAreAbsent]
public sealed record LocalityFailover
{
    public string? From { get; init; }
    public string? To { get; init; }
}
