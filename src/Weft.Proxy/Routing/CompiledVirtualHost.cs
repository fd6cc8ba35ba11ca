
namespace Weft.Proxy.Routing;

/// <summary>A virtual host's ordered routes; first match wins, as Istio.</summary>
public sealed class CompiledVirtualHost(string name, CompiledRoute[] routes)
{
    public string Name { get; } = name;

    public CompiledRoute[] Routes { get; } = routes;

    public CompiledRoute? Match(HttpRequest request, string scheme)
    {
        foreach (var r in Routes)   // array foreach: no enumerator
            if (r.Match.IsMatch(request, scheme))
                return r;
        return null;
    }
}
