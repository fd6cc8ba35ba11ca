using System.Net;

namespace Weft.Proxy.Security.Authorization;

/// <summary>
/// What authorization sees of one request (or, for TCP, one connection): the peer's verified
/// identity, addresses, and for HTTP the host, method, normalized path and headers.
/// </summary>
public sealed record AuthorizationRequest
{
    /// <summary>The peer's principal without <c>spiffe://</c> (<c>cluster.local/ns/NS/sa/SA</c>); empty for plaintext.</summary>
    public string Principal { get; init; } = "";

    /// <summary>The peer's namespace, from its principal; empty for plaintext.</summary>
    public string Namespace { get; init; } = "";

    public IPAddress? SourceIp { get; init; }

    /// <summary>The original client (the first x-forwarded-for entry, else the peer).</summary>
    public IPAddress? RemoteIp { get; init; }

    public IPAddress? DestinationIp { get; init; }

    public int DestinationPort { get; init; }

    public string? Sni { get; init; }

    /// <summary>False for a TCP connection: HTTP-only fields cannot be known.</summary>
    public bool IsHttp { get; init; } = true;

    public string Host { get; init; } = "";

    public string Method { get; init; } = "";

    /// <summary>The normalized path, without the query.</summary>
    public string Path { get; init; } = "";

    /// <summary>Request headers by lower-case name (HTTP only).</summary>
    public Func<string, string?>? Header { get; init; }

    /// <summary>The verified JWT's claims (RequestAuthentication); null when the request carried none.</summary>
    public Jwt.JwtClaims? Jwt { get; init; }

    /// <summary>Istio's request principal, <c>iss/sub</c> of the verified JWT; empty without one.</summary>
    public string RequestPrincipal => Jwt?.RequestPrincipal ?? "";

    /// <summary>
    /// Splits <c>spiffe://TD/ns/NS/sa/SA</c> into the principal Istio policies name and its namespace.
    /// </summary>
    public static (string Principal, string Namespace) FromSpiffe(string? spiffe)
    {
        if (string.IsNullOrEmpty(spiffe))
            return ("", "");
        var principal = spiffe.StartsWith("spiffe://", StringComparison.Ordinal) ? spiffe[9..] : spiffe;
        var ns = "";
        var at = principal.IndexOf("/ns/", StringComparison.Ordinal);
        if (at >= 0)
        {
            var rest = principal[(at + 4)..];
            var end = rest.IndexOf('/', StringComparison.Ordinal);
            ns = end < 0 ? rest : rest[..end];
        }
        return (principal, ns);
    }
}
