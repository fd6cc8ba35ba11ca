namespace Weft.Api.Model.GatewayApi;

/// <summary>Experimental: keeps a client on one backend, by cookie or header.</summary>
public sealed record SessionPersistence
{
    public string? SessionName { get; init; }

    public Duration? AbsoluteTimeout { get; init; }

    public Duration? IdleTimeout { get; init; }

    /// <summary>Defaults to <see cref="SessionPersistenceType.Cookie"/>.</summary>
    public SessionPersistenceType? Type { get; init; }

    public CookieConfig? CookieConfig { get; init; }
}

public sealed record CookieConfig
{
    /// <summary>Defaults to <see cref="CookieLifetimeType.Session"/>.</summary>
    public CookieLifetimeType? LifetimeType { get; init; }
}

public enum SessionPersistenceType
{
    Cookie,
    Header,
}

public enum CookieLifetimeType
{
    Permanent,
    Session,
}
