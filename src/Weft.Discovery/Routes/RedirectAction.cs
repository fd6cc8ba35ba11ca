namespace Weft.Discovery.Routes;

/// <summary>Istio HTTPRedirect: unset parts keep the request's own; ResponseCode 301 by default.</summary>
public sealed record RedirectAction
{
    public string? Scheme { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary>Replaces the whole path (Istio redirect.uri).</summary>
    public string? Path { get; init; }

    /// <summary>Replaces the prefix the route matched.</summary>
    public string? PrefixRewrite { get; init; }

    public int ResponseCode { get; init; } = 301;

    public bool StripQuery { get; init; }
}
