using System.Collections.Immutable;

namespace Weft.Discovery.Routes;

/// <summary>Istio CorsPolicy, enforced by the proxy for preflight and actual requests.</summary>
public sealed record CorsPolicy
{
    public ImmutableArray<StringMatch> AllowOrigins { get; init; } = [];

    public ImmutableArray<string> AllowMethods { get; init; } = [];

    public ImmutableArray<string> AllowHeaders { get; init; } = [];

    public ImmutableArray<string> ExposeHeaders { get; init; } = [];

    public TimeSpan? MaxAge { get; init; }

    public bool? AllowCredentials { get; init; }
}
