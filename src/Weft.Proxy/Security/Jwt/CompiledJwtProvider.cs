using System.Collections.Frozen;
using Weft.Discovery.Security;

namespace Weft.Proxy.Security.Jwt;

/// <summary>One JWT rule compiled once per snapshot: its keys imported, audiences and claim paths ready.</summary>
public sealed class CompiledJwtProvider
{
    public CompiledJwtProvider(JwtProvider p)
    {
        Source = p;
        Keys = JwtKeySet.Parse(p.Jwks);
        _audiences = p.Audiences.IsDefaultOrEmpty ? null : p.Audiences.ToFrozenSet(StringComparer.Ordinal);
        SpaceDelimited = ((string[])["scope", "permission", .. p.SpaceDelimitedClaims.IsDefault ? [] : p.SpaceDelimitedClaims]).ToFrozenSet(StringComparer.Ordinal);
        ClaimHeaders = p.OutputClaimToHeaders.IsDefaultOrEmpty ? [] : [.. p.OutputClaimToHeaders.Select(c => (c.Header, c.Claim.Split('.')))];
    }

    private readonly FrozenSet<string>? _audiences;

    public JwtProvider Source { get; }

    public JwtKeySet Keys { get; }

    public FrozenSet<string> SpaceDelimited { get; }

    public (string Header, string[] Path)[] ClaimHeaders { get; }

    public bool IssuerMatches(string iss) => Source.Issuer.Length == 0 || string.Equals(Source.Issuer, iss, StringComparison.Ordinal);

    public bool AudienceAllowed(string[] audiences)
    {
        if (_audiences is null)
            return true;
        foreach (var a in audiences)
            if (_audiences.Contains(a))
                return true;
        return false;
    }

    /// <summary>Envoy's order: time, then audiences, then the signature.</summary>
    public JwtStatus Verify(JwtToken token, long now)
    {
        var status = token.CheckTime(now, JwtAuthenticator.ClockSkewSeconds);
        if (status != JwtStatus.Ok)
            return status;
        if (!AudienceAllowed(token.Audiences))
            return JwtStatus.AudienceNotAllowed;
        return token.VerifySignature(Keys);
    }
}
