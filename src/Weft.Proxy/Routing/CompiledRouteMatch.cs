using Weft.Discovery.Routes;

namespace Weft.Proxy.Routing;

/// <summary>One match block compiled: path, headers and query parameters, all of which must hold.</summary>
public sealed class CompiledRouteMatch
{
    private readonly CompiledStringMatcher? _path;
    private readonly (string Name, CompiledStringMatcher? Match, bool Invert)[] _headers;
    private readonly (string Name, CompiledStringMatcher? Match)[] _query;

    public CompiledRouteMatch(RouteMatch m)
    {
        _path = m.Path is null ? null : CompiledStringMatcher.Compile(m.Path);
        _headers = m.Headers.IsDefault ? [] : [.. m.Headers.Select(h => (h.Name.ToLowerInvariant(), h.Match is null ? null : CompiledStringMatcher.Compile(h.Match), h.Invert))];
        _query = m.QueryParameters.IsDefault ? [] : [.. m.QueryParameters.Select(q => (q.Name, q.Match is null ? null : CompiledStringMatcher.Compile(q.Match)))];
    }

    public CompiledStringMatcher? Path => _path;

    public bool IsMatch(HttpRequest request, string scheme)
    {
        if (_path is not null && !_path.IsMatch(request.Path.Value ?? "/"))
            return false;
        foreach (var (name, match, invert) in _headers)
        {
            var found = TryGetHeader(request, scheme, name, out var value);
            var ok = found && (match is null || match.IsMatch(value));
            if (ok == invert)
                return false;
        }
        if (_query.Length > 0)
        {
            var q = request.Query;
            foreach (var (name, match) in _query)
            {
                if (!q.TryGetValue(name, out var v))
                    return false;
                if (match is not null && !match.IsMatch(v.ToString()))
                    return false;
            }
        }
        return true;
    }

    private static bool TryGetHeader(HttpRequest request, string scheme, string name, out string value)
    {
        switch (name)
        {
            case ":method":
                value = request.Method;
                return true;
            case ":authority":
                value = request.Host.Value ?? "";
                return true;
            case ":scheme":
                value = scheme;
                return true;
            case ":path":
                value = request.Path.Value + request.QueryString.Value;
                return true;
        }
        if (request.Headers.TryGetValue(name, out var v))
        {
            value = v.Count == 1 ? v[0] ?? "" : v.ToString();
            return true;
        }
        value = "";
        return false;
    }
}
