namespace Weft.Api.Model.GatewayApi;

/// <summary>Cross-origin resource sharing: answers preflight requests and adds the CORS response headers.</summary>
public sealed record HTTPCORSFilter
{
    public IReadOnlyList<string>? AllowOrigins { get; init; }

    public bool? AllowCredentials { get; init; }

    public IReadOnlyList<HTTPMethodWithWildcard>? AllowMethods { get; init; }

    public IReadOnlyList<string>? AllowHeaders { get; init; }

    public IReadOnlyList<string>? ExposeHeaders { get; init; }

    /// <summary>Seconds a preflight answer may be cached; defaults to 5.</summary>
    public int? MaxAge { get; init; }
}
