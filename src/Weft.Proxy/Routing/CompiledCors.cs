using Weft.Discovery.Routes;

namespace Weft.Proxy.Routing;

/// <summary>A CORS policy with its header values joined once.</summary>
public sealed class CompiledCors(CorsPolicy p)
{
    public CompiledStringMatcher[] Origins { get; } = [.. p.AllowOrigins.Select(CompiledStringMatcher.Compile)];

    public string? AllowMethods { get; } = p.AllowMethods.IsDefaultOrEmpty ? null : string.Join(',', p.AllowMethods);

    public string? AllowHeaders { get; } = p.AllowHeaders.IsDefaultOrEmpty ? null : string.Join(',', p.AllowHeaders);

    public string? ExposeHeaders { get; } = p.ExposeHeaders.IsDefaultOrEmpty ? null : string.Join(',', p.ExposeHeaders);

    public string? MaxAge { get; } = p.MaxAge is { } m ? ((long)m.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    public bool AllowCredentials { get; } = p.AllowCredentials == true;

    public bool IsOriginAllowed(string origin)
    {
        foreach (var o in Origins)
            if (o.IsMatch(origin))
                return true;
        return false;
    }
}
