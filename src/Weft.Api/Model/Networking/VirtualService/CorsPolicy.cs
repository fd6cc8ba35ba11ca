using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Cross-origin resource sharing for an HTTP rule.</summary>
[WireNullsAreAbsent]
public sealed record CorsPolicy
{
    /// <summary>Deprecated exact origins; <see cref="AllowOrigins"/> replaces it.</summary>
    public IReadOnlyList<string>? AllowOrigin { get; init; }

    public IReadOnlyList<StringMatch>? AllowOrigins { get; init; }
    public IReadOnlyList<string>? AllowMethods { get; init; }
    public IReadOnlyList<string>? AllowHeaders { get; init; }
    public IReadOnlyList<string>? ExposeHeaders { get; init; }
    public Duration? MaxAge { get; init; }
    public bool? AllowCredentials { get; init; }
    public UnmatchedPreflights? UnmatchedPreflights { get; init; }
}
