using Weft.Api.Binding;

namespace Weft.Api.Model.GatewayApi;

/// <summary>Answers with a redirect instead of forwarding.</summary>
public sealed record HTTPRequestRedirectFilter
{
    public RedirectScheme? Scheme { get; init; }

    public string? Hostname { get; init; }

    public HTTPPathModifier? Path { get; init; }

    public int? Port { get; init; }

    /// <summary>301, 302 (the default), 303, 307 or 308.</summary>
    public int? StatusCode { get; init; }
}

public enum RedirectScheme
{
    [Wire("http")] Http,
    [Wire("https")] Https,
}

/// <summary>Rewrites host and path before forwarding.</summary>
public sealed record HTTPURLRewriteFilter
{
    public string? Hostname { get; init; }

    public HTTPPathModifier? Path { get; init; }
}

/// <summary>Replaces the whole path, or the prefix that matched.</summary>
public sealed record HTTPPathModifier
{
    public HTTPPathModifierType? Type { get; init; }

    public string? ReplaceFullPath { get; init; }

    public string? ReplacePrefixMatch { get; init; }
}

public enum HTTPPathModifierType
{
    ReplaceFullPath,
    ReplacePrefixMatch,
}
